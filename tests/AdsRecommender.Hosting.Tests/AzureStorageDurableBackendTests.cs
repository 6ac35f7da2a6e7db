using AdsRecommender.Testing;
using Azure.Data.Tables;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Hosting.Tests;

/// <summary><c>AddAzureStorageDurableBackend</c>: the same sidecar over a Durable Task Azure Storage task hub in Azurite.</summary>
[Collection(AzuriteFixtureCollection.Name)]
public sealed class AzureStorageDurableBackendTests(AzuriteFixture azurite)
{
    private static readonly string[] Names = ["Ada", "Grace", "Edsger", "Barbara"];

    [Fact]
    public async Task Sub_orchestrations_and_their_activities_complete_on_a_task_hub_that_keeps_their_history()
    {
        var hub = AzureStorageBackend.ForRun(azurite.ConnectionString, "hosting-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var host = await BackendHost.StartAsync(s => s.AddAzureStorageDurableBackend(hub, Greetings.Register)))
            {
                // The sidecar's sub-orchestration events and tags must be made storable (PlainEvents): without that the
                // batches' start messages could not be read back and the run waited forever.
                var done = await host.RunAsync(nameof(Greetings.GreetInTwoBatches), Names);

                Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
                Assert.Equal(Names.Select(n => $"Hello, {n}!"), done.ReadOutputAs<string[]>());
                var stored = await Assert.IsAssignableFrom<DurableTask.Core.IOrchestrationServiceClient>(host.Backend.StoredHistory)
                    .GetOrchestrationHistoryAsync(done.InstanceId, null);
                Assert.Contains($"\"EventType\":{(int)EventType.SubOrchestrationInstanceCreated},", stored, StringComparison.Ordinal);
                Assert.Contains($"\"EventType\":{(int)EventType.SubOrchestrationInstanceCompleted},", stored, StringComparison.Ordinal);
            }
            var instances = new TableServiceClient(azurite.ConnectionString).GetTableClient(hub.TaskHub + "Instances");
            Assert.Equal(3, await instances.QueryAsync<TableEntity>(e => e.RowKey == "").CountAsync()); // the run and its two batches
        }
        finally
        {
            await hub.DeleteAsync(NullLoggerFactory.Instance);
        }
    }

    [Fact]
    public async Task An_account_that_does_not_answer_stops_the_host_at_start_naming_the_fix()
    {
        const string nowhere = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteFixture.AccountKey +
            ";BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        var hub = AzureStorageBackend.ForRun(nowhere, "hosting-nowhere") with { Target = "port 1" };

        var refused = await Assert.ThrowsAsync<DurableBackendException>(() =>
            BackendHost.StartAsync(s => s.AddAzureStorageDurableBackend(hub, Greetings.Register)));

        Assert.StartsWith($"port 1, task hub {hub.TaskHub} does not answer", refused.Message);
        Assert.Contains("start Azurite", refused.Message);
    }

    [Theory]
    [InlineData("my-hub", "'my-hub' is not a task hub name")]
    [InlineData("x1", "'x1' is not a task hub name")]
    public void A_shared_hub_is_checked_once_when_it_is_named(string name, string reason) =>
        Assert.StartsWith(reason, Assert.Throws<DurableBackendException>(() => SharedHub.For("UseDevelopmentStorage=true", name, null)).Message);

    [Fact]
    public void A_shared_hub_refuses_a_lease_expiry_that_a_blob_lease_cannot_have() =>
        Assert.Contains("15 to 60 seconds", Assert.Throws<DurableBackendException>(() =>
            SharedHub.For("UseDevelopmentStorage=true", "adsrec1", TimeSpan.FromSeconds(90))).Message);
}
