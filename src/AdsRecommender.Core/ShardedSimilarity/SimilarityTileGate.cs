namespace AdsRecommender.Core.ShardedSimilarity;

/// <summary>
/// At most one similarity tile per core in this process. A tile holds two shards (two float32 copies of up to 50,000
/// rows each, read and converted) and runs the kernel on one thread, so tiles beyond the cores only add memory: the
/// orchestration keeps <c>RunOptions.MaxBatchesInFlight</c> tiles scheduled (8) and the CLI's worker
/// starts every activity it is handed, which put eight tiles' shards in memory at once on a 2-core machine.
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
