using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Testing;
using Microsoft.DurableTask.Client;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>A batched run: the CSV cut into row shards once, and no more batches running than allowed.</summary>
public sealed class BatchWindowTests
{
    [Fact]
    public async Task Batches_read_their_row_shard_and_run_one_after_another_with_a_window_of_one()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        using var run = new TestRun();
        var csv = TestRun.Csv(
            (0.1, server.UriFor("/jolie_a.mp4")),
            (0.2, server.UriFor("/aniston_a.mp4")),
            (0.3, server.UriFor("/jolie_b.mp4")),
            (0.4, server.UriFor("/missing.mp4")),
            (0.5, server.UriFor("/jolie_a.mp4")));
        var batches = new List<OrchestrationMetadata>();

        var outcome = await run.RunAsync(csv, new RunOptions(AllowPrivateNetwork: true, BatchSize: 2, MaxBatchesInFlight: 1), async (client, o) =>
        {
            for (var b = 0; b < 3; b++) batches.Add((await client.GetInstanceAsync($"{o.RunId}-batch-{b}"))!);
        }, keepBatches: true);

        Assert.Equal(3, outcome.Batches);
        for (var b = 1; b < batches.Count; b++)
            Assert.True(batches[b].CreatedAt >= batches[b - 1].LastUpdatedAt,
                $"batch {b} started at {batches[b].CreatedAt:O} before batch {b - 1} finished at {batches[b - 1].LastUpdatedAt:O}");
        var store = run.Storage.Store;
        var shards = new List<RowShard>();
        for (var b = 0; b < 3; b++)
            shards.Add(Assert.IsType<RowShard>(await RowShard.TryReadAsync(store, outcome.RunId, b, CancellationToken.None)));
        Assert.Equal([0, 1, 2, 3, 4], shards.SelectMany(s => s.Rows).Select(r => r.Index));
        Assert.Equal(new DuplicateRow(4, 0), Assert.Single(shards[2].Duplicates));
        Assert.Null(await RowShard.TryReadAsync(store, outcome.RunId, 3, CancellationToken.None));
        Assert.True(outcome.Videos.Single(v => v.VideoId == "video(4)").Reused, "row 4 repeats row 0's URL across batches");
        Assert.Contains("404", outcome.Videos.Single(v => v.VideoId == "video(3)").Reason);
        Assert.Equal(5, outcome.Videos.Count);
    }
}
