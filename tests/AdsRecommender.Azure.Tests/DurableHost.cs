using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace AdsRecommender.Azure.Tests;

/// <summary>An in-process Durable Task backend (sidecar + worker + client) with the given orchestrators registered.</summary>
internal static class DurableHost
{
    public static Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> register) =>
        DurableTaskTestHost.StartAsync(register);
}
