using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Vectors;

namespace AdsRecommender.Core.ShardedSimilarity;

/// <summary>
/// The sharded similarity path's files (area "embeddings"): similarity shard k as (R, d) float32 face-node rows in
/// <c>GroupingEngine</c>'s node order with its <see cref="SimilarityShard"/> index (written last), and the pairs of tile
/// (a, b) in <see cref="PairShardFormat"/>.
/// </summary>
public sealed class SimilarityShardStore(IRunStore store)
{
    /// <summary>Similarity shard <paramref name="shard"/>: (R, d) float32 face-node rows, in node order.</summary>
    public static string ShardName(int shard) => $"simshard{shard:D5}.npy";

    /// <summary>Its index (<see cref="SimilarityShard"/>): first node, row count, which rows are primaries.</summary>
    public static string ShardIndexName(int shard) => $"simshard{shard:D5}.json";

    /// <summary>The pairs of tile (<paramref name="a"/>, <paramref name="b"/>), <see cref="PairShardFormat"/>.</summary>
    public static string PairShardName(int a, int b) => $"tile{a:D5}-{b:D5}.pairs.bin";

    /// <summary>Writes a similarity shard: the rows, then its index (last, so its presence means the rows are complete).</summary>
    public async Task WriteShardAsync(string runId, int shard, int firstRow, IReadOnlyList<float[]> rows, IReadOnlyList<bool> primary, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(primary);
        await store.WriteRowsAsync(runId, ShardName(shard), rows, ct);
        await store.WriteJsonAsync(runId, RunAreas.Embeddings, ShardIndexName(shard),
            new SimilarityShard(firstRow, rows.Count, primary.Select(p => p ? (byte)1 : (byte)0).ToArray()), ct);
    }

    /// <summary>A similarity shard's index and its rows as a flat (R, d) array.</summary>
    public async Task<(SimilarityShard Index, NpyArray Rows)> ReadShardAsync(string runId, int shard, CancellationToken ct)
    {
        var index = await store.TryReadJsonAsync<SimilarityShard>(runId, RunAreas.Embeddings, ShardIndexName(shard), ct)
            ?? throw new FileNotFoundException($"similarity shard {shard} of run {runId} is missing", ShardIndexName(shard));
        var rows = await store.ReadNpyAsync(runId, ShardName(shard), ct);
        if (rows.Shape.Length != 2 || rows.Shape[0] != index.Rows || index.Primary.Length != index.Rows)
            throw new NpyFormatException($"similarity shard {shard}: rows do not match {ShardIndexName(shard)}");
        return (index, rows);
    }

    public Task WritePairShardAsync(string runId, int a, int b, IReadOnlyList<ScoredPair> pairs, SimilarityHistogram? histogram, CancellationToken ct) =>
        store.WriteAsync(runId, RunAreas.Embeddings, PairShardName(a, b), new MemoryStream(PairShardFormat.Bytes(pairs, histogram), writable: false), ct);

    /// <summary>Streams tile (<paramref name="a"/>, <paramref name="b"/>)'s pairs in chunks (its bins added to <paramref name="histogram"/>).</summary>
    public async Task<long> ReadPairShardAsync(string runId, int a, int b, SimilarityHistogram? histogram,
        Action<ReadOnlySpan<ScoredPair>> onChunk, CancellationToken ct)
    {
        await using var s = await store.OpenReadAsync(runId, RunAreas.Embeddings, PairShardName(a, b), ct);
        await using var buffered = new BufferedStream(s, 1 << 20);
        return PairShardFormat.Read(buffered, PairShardName(a, b), histogram, onChunk);
    }
}
