using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// The edges at or above the threshold streamed into union-find (none between two low-quality faces), and the primary
/// pairs among them kept for the pairs CSV: from the multi-core scan of the vectors in memory, or from the sharded path's
/// pair shards. Only pairs at or above the threshold are held.
/// </summary>
internal static class FaceLinks
{
    /// <summary>From the tiles' pair shards: global face-node indexes, primary pairs mapped back to their videos.</summary>
    public static List<ScoredPair> FromEdges(IFaceEdges edges, FaceNodes nodes, float threshold, UnionFind links)
    {
        if (edges.MinSimilarity > threshold)
            throw new InvalidOperationException($"the pair shards hold pairs from {edges.MinSimilarity}, the threshold is {threshold}");
        var pairs = new List<ScoredPair>();
        edges.Read(chunk =>
        {
            foreach (var e in chunk)
            {
                if (e.Similarity < threshold || !LowQualityPairGate.Keeps(e, nodes.Low)) continue;
                links.Union(e.I, e.J);
                if (nodes.FaceIndex[e.I] == 0 && nodes.FaceIndex[e.J] == 0) pairs.Add(new ScoredPair(nodes.Owner[e.I], nodes.Owner[e.J], e.Similarity));
            }
        });
        return pairs;
    }

    /// <summary>
    /// From the scan: the primaries first (the pairs); the face nodes in a second scan unless they are exactly the
    /// primaries (<paramref name="primaryNodes"/>: one face per video, or no multi-face), when one scan gives both.
    /// </summary>
    public static List<ScoredPair> FromScan(List<VideoFaceSet> videos, EmbeddingMatrix primaries, EmbeddingMatrix faceMatrix, bool primaryNodes,
        FaceNodes nodes, float threshold, GroupingOptions options, UnionFind links)
    {
        var dop = Math.Max(1, options.MaxDegreeOfParallelism);
        var pairs = new List<ScoredPair>();
        var primaryLow = videos.Select(v => LowQualityPairGate.IsLow(v, 0, options.LowQualitySharpness)).ToArray();
        StreamingPairScan.Run(primaries, threshold, dop, chunk =>
        {
            foreach (var p in chunk)
            {
                if (!LowQualityPairGate.Keeps(p, primaryLow)) continue;
                pairs.Add(p);
                if (primaryNodes) links.Union(p.I, p.J);
            }
        });
        if (!primaryNodes) StreamingPairScan.Run(faceMatrix, threshold, dop, chunk => Link(links, chunk, nodes.Low));
        return pairs;
    }

    private static void Link(UnionFind links, ReadOnlySpan<ScoredPair> edges, IReadOnlyList<bool> low)
    {
        foreach (var e in edges)
            if (LowQualityPairGate.Keeps(e, low)) links.Union(e.I, e.J);
    }
}
