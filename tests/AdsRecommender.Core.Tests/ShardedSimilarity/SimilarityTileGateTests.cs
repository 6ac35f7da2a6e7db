using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.ShardedSimilarity;

public sealed class SimilarityTileGateTests
{
    /// <summary>
    /// Four tiles per core handed over at once (as the CLI's worker does with the orchestration's window) run at most one
    /// per core; each holds two shards, so this bounds the memory of the tile step, not only its CPU.
    /// </summary>
    [Fact]
    public async Task Runs_at_most_one_tile_per_core_however_many_are_started()
    {
        var gate = new SimilarityTileGate();
        int running = 0, most = 0;
        var tiles = Enumerable.Range(0, 4 * Environment.ProcessorCount).Select(i => gate.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(20);
            Interlocked.Decrement(ref running);
            return i;
        })).ToList();

        var done = await Task.WhenAll(tiles).Within(Deadline.Short, "the tiles through the gate");

        Assert.Equal(Enumerable.Range(0, tiles.Count), done);
        Assert.Equal(Environment.ProcessorCount, most);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
