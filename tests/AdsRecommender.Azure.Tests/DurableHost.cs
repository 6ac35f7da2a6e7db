using AdsRecommender.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace AdsRecommender.Azure.Tests;

/// <summary>An in-process Durable Task backend (sidecar + worker + client) with the given orchestrators registered.</summary>
internal static class DurableHost
{
    /// <remarks>DurableTaskTestHost must be told its port (its default random 30000-40000 port collides with ephemeral ports): chosen free, again on address-in-use.</remarks>
    public static Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> register) =>
        LoopbackPort.StartAsync(port => DurableTaskTestHost.StartAsync(register, new DurableTaskTestHostOptions { Port = port }))
            .Within(Deadline.Short, "the in-process Durable Task host to start");
}
