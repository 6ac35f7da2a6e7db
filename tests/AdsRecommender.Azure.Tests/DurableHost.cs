using AdsRecommender.Cli;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace AdsRecommender.Azure.Tests;

/// <summary>An in-process Durable Task backend (sidecar + worker + client) with the given orchestrators registered.</summary>
internal static class DurableHost
{
    /// <remarks>On a port chosen as <see cref="PipelineHost"/> does: the sidecar's default random 30000-40000 port collides.</remarks>
    public static Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> register) =>
        LoopbackPort.StartAsync(port => DurableTaskTestHost.StartAsync(register, new DurableTaskTestHostOptions { Port = port }));
}
