using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// The sharded similarity path, for runs beyond what one activity should scan (<see cref="RunOptions.ShardedSimilarityAboveVideos"/>):
/// the face nodes of the run are cut into similarity shards of at most <see cref="RunOptions.SimilarityShardFaces"/> rows
/// (<see cref="WriteShardsAsync"/>); each tile of the upper triangle of shard pairs reads its two shards and writes the
/// pairs at or above the lowest threshold the run can use to a pair shard (<see cref="RunTileAsync"/>; memory: two
/// shards and the tile's pairs); the grouping step then reads the pair shards as a stream (<see cref="PairShardEdges"/>).
/// With the auto threshold the tiles also bin every primary pair, so the threshold is chosen from the exact distribution.
/// </summary>
public sealed class SimilarityTiles(SimilarityShardStore store)
{

    /// <summary>The tiles of <paramref name="shards"/> shards: every (a, b) with a &lt;= b.</summary>
    public static IEnumerable<(int A, int B)> Tiles(int shards)
    {
        for (var a = 0; a < shards; a++)
        for (var b = a; b < shards; b++)
            yield return (a, b);
    }

    /// <summary>Writes the face nodes of <paramref name="videos"/> (as <see cref="GroupingEngine"/> numbers them) as shards; returns the plan.</summary>
    public async Task<ShardPlan> WriteShardsAsync(string runId, IReadOnlyList<VideoFaceSet> videos, GroupingOptions options, int shardFaces, CancellationToken ct)
    {
        var (rows, primary) = GroupingEngine.FaceNodeRows(videos, options);
        var writer = new SimilarityShardWriter(store, runId, shardFaces);
        for (var i = 0; i < rows.Count; i++) await writer.AddAsync(rows[i], primary[i], ct);
        return new ShardPlan(await writer.CompleteAsync(ct), writer.Rows, GroupingEngine.LowestThreshold(options), options.Threshold.Kind == ThresholdKind.Auto);
    }

    /// <summary>One tile: the pairs of shards A and B (within A when A == B) at or above the plan's floor, as global node indexes.</summary>
    public async Task<long> RunTileAsync(SimilarityTileInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (indexA, left) = await ReadShardAsync(input.RunId, input.A, ct);
        var (indexB, right) = input.B == input.A ? (indexA, left) : await ReadShardAsync(input.RunId, input.B, ct);
        var pairs = new List<ScoredPair>();
        var histogram = input.BinPrimaries ? new SimilarityHistogram() : null;
        var sink = new TileSink(input.MinSimilarity, indexA, indexB, histogram, pairs);
        if (input.A == input.B) CosineSimilarity.AllPairs(left, ref sink);
        else CosineSimilarity.CrossPairs(left, right, ref sink);
        await store.WritePairShardAsync(input.RunId, input.A, input.B, pairs, histogram, ct);
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

/// <summary>The pair shards of a run's tiles as the grouping engine's edges, read one shard at a time.</summary>
public sealed class PairShardEdges(SimilarityShardStore store, string runId, ShardPlan plan, CancellationToken ct = default) : IFaceEdges
{
    private SimilarityHistogram? _histogram;

    public float MinSimilarity => plan.MinSimilarity;

    /// <summary>With binned tiles: the sum of their histograms (read once, from every shard's header).</summary>
    public SimilarityHistogram? PrimaryHistogram
    {
        get
        {
            if (!plan.BinPrimaries) return null;
            if (_histogram is null)
            {
                var sum = new SimilarityHistogram();
                foreach (var (a, b) in SimilarityTiles.Tiles(plan.Shards))
                    store.ReadPairShardAsync(runId, a, b, sum, _ => { }, ct).GetAwaiter().GetResult();
                _histogram = sum;
            }
            return _histogram;
        }
    }

    public void Read(Action<ReadOnlySpan<ScoredPair>> onChunk)
    {
        foreach (var (a, b) in SimilarityTiles.Tiles(plan.Shards))
            store.ReadPairShardAsync(runId, a, b, null, onChunk, ct).GetAwaiter().GetResult();
    }
}
