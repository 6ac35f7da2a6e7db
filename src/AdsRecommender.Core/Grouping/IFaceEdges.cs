using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Face-node pairs computed outside <see cref="GroupingEngine"/> (the sharded path's pair shards): indexes are the
/// engine's face nodes (every face of every video with a face, in video order, primary first; only primaries without
/// multi-face), every pair with similarity &gt;= <see cref="MinSimilarity"/>, no low-quality gate applied yet.
/// </summary>
public interface IFaceEdges
{
    /// <summary>The lowest similarity the pairs were collected from (at most the run's threshold).</summary>
    float MinSimilarity { get; }

    /// <summary>The distribution of all primary-vs-primary similarities, when the tiles binned it (the auto threshold).</summary>
    SimilarityHistogram? PrimaryHistogram { get; }

    /// <summary>Hands every pair over in chunks, in no particular order.</summary>
    void Read(Action<ReadOnlySpan<ScoredPair>> onChunk);
}
