using AdsRecommender.Testing;
using Microsoft.DurableTask.Client;

namespace AdsRecommender.Azure.Tests;

/// <summary>The Durable client's waits, each ending by a deadline that names the instance it waited for.</summary>
internal static class DurableWaits
{
    public static Task<OrchestrationMetadata> CompletionAsync(this DurableTaskClient client, string instanceId, bool getInputsAndOutputs = false) =>
        Deadline.Within(Deadline.Short, $"orchestration {instanceId} to complete",
            ct => client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, ct));

    public static Task<OrchestrationMetadata> StartedAsync(this DurableTaskClient client, string instanceId) =>
        Deadline.Within(Deadline.Short, $"orchestration {instanceId} to start", ct => client.WaitForInstanceStartAsync(instanceId, ct));
}
