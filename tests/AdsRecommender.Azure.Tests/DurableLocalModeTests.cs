using AdsRecommender.Testing;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AdsRecommender.Azure.Tests;

/// <summary>Stretch: orchestrations over DurableTask.AzureStorage (Azurite) behind the in-process gRPC sidecar.</summary>
[Collection(AzuriteFixtureCollection.Name)]
public sealed class DurableLocalModeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Orchestration_history_in_azure_storage_outlives_the_host()
    {
        var hub = "adsrectest" + Guid.NewGuid().ToString("N")[..8];
        string instanceId;
        await using (var host = await AzureStorageSidecar.StartAsync(azurite.ConnectionString, hub, Register))
        {
            instanceId = await host.Client.ScheduleNewOrchestrationInstanceAsync("Greet", "azurite");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var done = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("hello azurite!", done.ReadOutputAs<string>());
        }

        var tables = new TableServiceClient(azurite.ConnectionString);
        var names = await tables.QueryAsync().Select(t => t.Name).ToListAsync();
        Assert.Contains(hub + "Instances", names);
        Assert.Contains(hub + "History", names);

        await using (var restarted = await AzureStorageSidecar.StartAsync(azurite.ConnectionString, hub, Register))
        {
            var meta = await restarted.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            Assert.NotNull(meta);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
            Assert.Equal("hello azurite!", meta.ReadOutputAs<string>());
        }
    }

    private static void Register(DurableTaskRegistry r)
    {
        r.AddOrchestratorFunc<string, string>("Greet", async (ctx, name) =>
            await ctx.CallActivityAsync<string>("Shout", "hello " + name));
        r.AddActivityFunc<string, string>("Shout", (_, text) => text + "!");
    }
}
