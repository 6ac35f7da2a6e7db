using AdsRecommender.Cli;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Testing;
using Microsoft.Extensions.Configuration;

namespace AdsRecommender.Azure.Tests;

/// <summary>
/// Two different CSVs running at the same time through one worker and one Blob/Table store (Azurite) do not interfere:
/// each run's videos, vectors, results and ledger rows stay under its own run id, and each run's results equal what the
/// same CSV gives when it runs alone.
/// </summary>
[Collection(AzuriteFixtureCollection.Name)]
public sealed class ConcurrentRunsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Two_csvs_running_at_once_give_the_same_results_as_each_alone()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        // Same row indexes (video(0), video(1)) in both CSVs, different people and performances.
        var csvA = $"Performance,Video URL\n0.1,{server.UriFor("/jolie_a.mp4")}\n0.3,{server.UriFor("/jolie_b.mp4")}\n";
        var csvB = $"Performance,Video URL\n0.6,{server.UriFor("/aniston_a.mp4")}\n0.8,{server.UriFor("/aniston_b.mp4")}\n0.5,{server.UriFor("/jolie_b.mp4")}\n";
        var store = TestStorage.Store(azurite);
        var ledger = TestStorage.Ledger(azurite);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AdsRecommender:ModelsDirectory"] = SharedData.Models,
            ["AdsRecommender:MaxParallelAnalyses"] = "2",
        }).Build();
        await using var host = await PipelineHost.StartAsync(store, ledger, settings).Within(Deadline.Short, "the pipeline host to start");

        var runA = await StageAsync(store, "a", csvA);
        var runB = await StageAsync(store, "b", csvB);
        var together = await Task.WhenAll(
            host.RunAsync(new RunRequest(runA, runA + ".csv", new RunOptions(AllowPrivateNetwork: true))),
            host.RunAsync(new RunRequest(runB, runB + ".csv", new RunOptions(AllowPrivateNetwork: true)))).Within(Deadline.Run, "two concurrent runs");
        Assert.All(together, o => Assert.Null(o.Error));

        var pairsA = await ReadAsync(store, runA, ResultFiles.Pairs);
        var pairsB = await ReadAsync(store, runB, ResultFiles.Pairs);
        Assert.Single(pairsA.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)); // jolie a ~ jolie b
        Assert.Contains("0.1,0.3,0.2", pairsA);
        Assert.Contains("0.6,0.8,0.7", pairsB); // aniston a ~ aniston b
        Assert.Equal(3, (await ledger.GetVideosAsync(runB)).Count);
        Assert.Equal(2, (await ledger.GetVideosAsync(runA)).Count);

        // Alone, in fresh runs, the same CSVs give byte-identical result CSVs.
        var aloneA = await StageAsync(store, "a-alone", csvA);
        await host.RunAsync(new RunRequest(aloneA, aloneA + ".csv", new RunOptions(AllowPrivateNetwork: true))).Within(Deadline.Run, $"run {aloneA}");
        var aloneB = await StageAsync(store, "b-alone", csvB);
        await host.RunAsync(new RunRequest(aloneB, aloneB + ".csv", new RunOptions(AllowPrivateNetwork: true))).Within(Deadline.Run, $"run {aloneB}");
        Assert.Equal(pairsA, await ReadAsync(store, aloneA, ResultFiles.Pairs));
        Assert.Equal(pairsB, await ReadAsync(store, aloneB, ResultFiles.Pairs));
        Assert.Equal(await ReadAsync(store, runB, ResultFiles.Groups), await ReadAsync(store, aloneB, ResultFiles.Groups));
    }

    private static async Task<string> StageAsync(BlobRunStore store, string tag, string csv)
    {
        var runId = "conc-" + tag + "-" + Guid.NewGuid().ToString("N")[..8];
        await store.WriteAsync(runId, RunAreas.Input, runId + ".csv", TestStorage.Bytes(csv)); // input blobs are shared by name
        return runId;
    }

    private static async Task<string> ReadAsync(BlobRunStore store, string runId, string name) =>
        await TestStorage.ReadTextAsync(await store.OpenReadAsync(runId, RunAreas.Results, name));
}
