using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.ShardedSimilarity;

/// <summary>
/// The sharded similarity path, for runs beyond what one activity should scan (<c>RunOptions.ShardedSimilarityAboveVideos</c>):
/// the face nodes of the run are cut into similarity shards of at most <c>RunOptions.SimilarityShardFaces</c> rows
/// (<see cref="WriteShardsAsync"/>, <see cref="SimilarityShardWriter"/>); each tile of the upper triangle of shard pairs
/// (<see cref="ShardPlan.Tiles"/>) reads its two shards and writes the pairs at or above the lowest threshold the run can
/// use to a pair shard (<see cref="RunTileAsync"/>; memory: two shards and the tile's pairs); the grouping step then reads
/// the pair shards as a stream (<see cref="PairShardEdges"/>). With the auto threshold the tiles also bin every primary
/// pair, so the threshold is chosen from the exact distribution.
/// </summary>
public sealed class SimilarityTiles(SimilarityShardStore store)
{
    /// <summary>Writes the face nodes of <paramref name="videos"/> (as <see cref="GroupingEngine"/> numbers them) as shards; returns the plan.</summary>
    public async Task<ShardPlan> WriteShardsAsync(string runId, IReadOnlyList<VideoFaceSet> videos, GroupingOptions options, int shardFaces, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (rows, primary) = GroupingEngine.FaceNodeRows(videos, options);
        var writer = new SimilarityShardWriter(store, runId, shardFaces);
        for (var i = 0; i < rows.Count; i++) await writer.AddAsync(rows[i], primary[i], ct);
        return await writer.CompleteAsync(options, ct);
    }

    /// <summary>
    /// Tile (<paramref name="a"/>, <paramref name="b"/>): the pairs of shards a and b (within a when a == b) at or above
    /// <paramref name="minSimilarity"/>, as global node indexes, written as a pair shard; returns how many.
    /// </summary>
    public async Task<long> RunTileAsync(string runId, int a, int b, float minSimilarity, bool binPrimaries, CancellationToken ct)
    {
        var (indexA, left) = await ReadShardAsync(runId, a, ct);
        var (indexB, right) = b == a ? (indexA, left) : await ReadShardAsync(runId, b, ct);
        var pairs = new List<ScoredPair>();
        var histogram = binPrimaries ? new SimilarityHistogram() : null;
        var sink = new TileSink(minSimilarity, indexA, indexB, histogram, pairs);
        if (a == b) CosineSimilarity.AllPairs(left, ref sink);
        else CosineSimilarity.CrossPairs(left, right, ref sink);
        await store.WritePairShardAsync(runId, a, b, pairs, histogram, ct);
        return pairs.Count;
    }

    private async Task<(SimilarityShard Index, EmbeddingMatrix Rows)> ReadShardAsync(string runId, int shard, CancellationToken ct)
    {
        var (index, rows) = await store.ReadShardAsync(runId, shard, ct);
        return (index, EmbeddingMatrix.FromFlat(rows.Data, index.Rows, rows.Shape[1]));
    }

    /// <summary>Pairs at or above the floor with global indexes; with a histogram, every primary-vs-primary similarity binned.</summary>
    private readonly struct TileSink(float min, SimilarityShard a, SimilarityShard b, SimilarityHistogram? histogram, List<ScoredPair> pairs) : IPairSink
    {
        public float MinSimilarity => histogram is null ? min : float.NegativeInfinity;

        public void Add(int i, int j, float similarity)
        {
            if (histogram is not null && a.Primary[i] != 0 && b.Primary[j] != 0) histogram.Counts[histogram.BinOf(similarity)]++;
            if (similarity >= min) pairs.Add(new ScoredPair(a.FirstRow + i, b.FirstRow + j, similarity));
        }
    }
}
