namespace AdsRecommender.Core.ShardedSimilarity;

/// <summary>
/// At most one similarity tile per core in this process. A tile holds two shards and runs the kernel on one thread, so
/// tiles beyond the cores only add memory: the orchestration keeps <c>RunOptions.MaxBatchesInFlight</c> tiles
/// scheduled and the CLI's worker starts every activity it is handed. What that cost before this gate:
/// docs/PERFORMANCE.md, "memory that grew with the videos done" ("Eight tiles at once on two cores").
/// </summary>
public sealed class SimilarityTileGate
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount));

    public async Task<T> RunAsync<T>(Func<Task<T>> tile, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tile);
        await _slots.WaitAsync(ct);
        try
        {
            return await tile();
        }
        finally
        {
            _slots.Release();
        }
    }
}
