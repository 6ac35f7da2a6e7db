using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.ShardedSimilarity;

/// <summary>
/// The pair shards of a run's tiles as the grouping engine's edges (<see cref="IFaceEdges"/>), read one shard at a time:
/// everything after the pairs is the same code on the sharded and the single-scan path.
/// </summary>
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
                foreach (var (a, b) in plan.Tiles())
                    store.ReadPairShardAsync(runId, a, b, sum, _ => { }, ct).GetAwaiter().GetResult();
                _histogram = sum;
            }
            return _histogram;
        }
    }

    public void Read(Action<ReadOnlySpan<ScoredPair>> onChunk)
    {
        foreach (var (a, b) in plan.Tiles())
            store.ReadPairShardAsync(runId, a, b, null, onChunk, ct).GetAwaiter().GetResult();
    }
}
