using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Turns face vectors into similar pairs and person clusters, both as indexes into the videos with a face
/// (<see cref="Clustering"/>); ids, performance and rows are shaped by the results projection.
/// <list type="number">
/// <item><b>Threshold.</b> For <see cref="ThresholdKind.Auto"/> the histogram of all primary-vs-primary cosines drives the
/// choice (see <see cref="AutoThreshold"/>); otherwise only a bounded sample is binned, for the report. <see cref="ThresholdKind.Default"/> uses
/// <see cref="GroupingOptions.DefaultThreshold"/>; a fixed value is used as given.</item>
/// <item><b>Pairs</b> (the pairs CSV) are always primary face vs primary face, cosine &gt;= threshold, as in the original
/// design: one row per pair of videos, highest similarity first.</item>
/// <item><b>Groups are people, not primary links.</b> With <see cref="GroupingOptions.MultiFace"/> every face of every video
/// (the faces list, primary first) is a node; without it, only primaries are. Faces with cosine &gt;= threshold are linked and
/// joined transitively (union-find). With <see cref="GroupingOptions.ChainingGuard"/> each connected component is then
/// re-clustered with average linkage at the same threshold, so a weak bridge (A~B~C where A and C are different people)
/// cannot merge two people: sub-clusters whose mean cross similarity is below the threshold stay apart.
/// Each resulting person cluster whose faces come from two or more videos is a group. A video can therefore belong to
/// more than one group when it shows two recurring people; person clusters covering exactly the same videos are reported
/// as one cluster (<see cref="VideoCluster.People"/> &gt; 1).</item>
/// <item><b>Low-quality pair gate.</b> A pair or face edge whose two faces are both below
/// <see cref="GroupingOptions.LowQualitySharpness"/> is dropped (<see cref="LowQualityPairGate"/>).</item>
/// <item>Videos without a face (empty primary) are not part of the result at all.</item>
/// </list>
/// </summary>
public static class GroupingEngine
{
    /// <summary>
    /// Clusters <paramref name="videos"/>. Without <paramref name="edges"/> the pairs come from the multi-core scan of the
    /// vectors in memory; with them (the sharded path: tiles of two shards computed elsewhere, <see cref="IFaceEdges"/>)
    /// from those, and everything after the pairs is the same code, so both give the same clusters.
    /// </summary>
    public static Clustering Cluster(IReadOnlyList<VideoFaceSet> videos, GroupingOptions options, IFaceEdges? edges = null)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentNullException.ThrowIfNull(options);
        // recurring background faces need every video's cast faces at hand: the in-memory path only (shards hold no background)
        var recurring = 0;
        var withFaces = edges is null ? RecurringFaces.Admit(WithFaces(videos, out var dim), options, out recurring) : WithFaces(videos, out dim);
        var dop = Math.Max(1, options.MaxDegreeOfParallelism);

        // 1. threshold: only auto needs the distribution of all primary pairs; otherwise a bounded sample feeds the report.
        var nodes = FaceNodes.Of(withFaces, options.MultiFace, dim, options.LowQualitySharpness);
        var primaryNodes = NodesArePrimaries(nodes, withFaces);
        var faceMatrix = EmbeddingMatrix.FromRows(nodes.Rows);
        var primaries = primaryNodes ? faceMatrix : EmbeddingMatrix.FromRows(withFaces.Select(v => v.Primary).ToList());
        var auto = options.Threshold.Kind == ThresholdKind.Auto;
        var histogram = !auto ? GroupingThreshold.Sample(primaries, dop)
            : edges?.PrimaryHistogram ?? CosineSimilarity.Distribution(primaries, dop);
        var choice = GroupingThreshold.Choose(options, histogram, withFaces.Count);
        var threshold = choice.Value;

        // 2. pairs (primary vs primary) and 3. people (every face a node): edges stream into union-find
        var links = new UnionFind(faceMatrix.Rows);
        var pairs = edges is not null
            ? FaceLinks.FromEdges(edges, nodes, threshold, links)
            : FaceLinks.FromScan(withFaces, primaries, faceMatrix, primaryNodes, nodes, threshold, options, links);
        pairs.Sort(HighestFirst);
        var (people, loners, split) = PersonClusters.People(faceMatrix, links, nodes.Owner, threshold, options);
        var joined = options.MergePeopleByCentroid ? PersonMerger.Merge(people, faceMatrix, nodes.Owner, threshold, dop) : 0;
        var attached = 0;
        if (options.AttachWeakFaces)
        {
            people.AddRange(loners);
            attached = WeakFaceAttacher.Attach(people, faceMatrix, nodes.Degraded, nodes.Owner, nodes.PrimaryFace, threshold, options);
        }

        return new Clustering(withFaces, pairs, PersonClusters.Clusters(people, faceMatrix, nodes), choice)
        {
            Histogram = histogram,
            HistogramVideos = Math.Min(withFaces.Count, auto ? int.MaxValue : HistogramSampleRows),
            FaceCount = faceMatrix.Rows,
            SplitComponents = split,
            AttachedWeakFaces = attached,
            JoinedPeople = joined,
            RecurringFaces = recurring,
        };
    }

    /// <summary>
    /// The face-node rows <see cref="Cluster"/> links (every face of every video with a face in video order, primary
    /// first; only primaries without multi-face) and whether each is a primary: what the sharded path's shards hold.
    /// </summary>
    public static (List<float[]> Rows, List<bool> Primary) FaceNodeRows(IReadOnlyList<VideoFaceSet> videos, GroupingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var withFaces = WithFaces(videos, out var dim);
        var nodes = FaceNodes.Of(withFaces, options.MultiFace, dim, options.LowQualitySharpness);
        return (nodes.Rows, nodes.FaceIndex.Select(f => f == 0).ToList());
    }

    /// <summary>The face nodes of one video, primary first: all its faces with multi-face, else the primary alone.</summary>
    public static IReadOnlyList<float[]> NodeFaces(VideoFaceSet video, bool multiFace)
    {
        ArgumentNullException.ThrowIfNull(video);
        return multiFace && video.Faces.Count > 0 ? video.Faces : [video.Primary];
    }

    /// <summary>The lowest similarity a pair can need under <paramref name="options"/>' threshold setting (auto: the bottom of its clamp range).</summary>
    public static float LowestThreshold(GroupingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Threshold.Kind switch
        {
            ThresholdKind.Fixed => options.Threshold.Value,
            ThresholdKind.Auto => AutoThreshold.ClampRange(options.DefaultThreshold).Low,
            _ => options.DefaultThreshold,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a vector of <paramref name="video"/> is not of length <paramref name="length"/>.</summary>
    public static void CheckLength(VideoFaceSet video, int length)
    {
        ArgumentNullException.ThrowIfNull(video);
        if (video.Primary.Length != length || video.Faces.Any(f => f.Length != length))
            throw new ArgumentException($"Video '{video.VideoId}' has vectors of a different length than {length}.", nameof(video));
    }

    /// <summary>The videos with a face, checked: ids unique, every vector of length <paramref name="dim"/>.</summary>
    private static List<VideoFaceSet> WithFaces(IReadOnlyList<VideoFaceSet> videos, out int dim)
    {
        var withFaces = videos.Where(v => v.Primary is { Length: > 0 }).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in withFaces)
            if (!seen.Add(v.VideoId)) throw new ArgumentException($"Video '{v.VideoId}' appears more than once.", nameof(videos));
        var length = withFaces.Count == 0 ? 0 : withFaces[0].Primary.Length;
        foreach (var v in withFaces)
        {
            CheckLength(v, length);
        }
        dim = length;
        return withFaces;
    }

    /// <summary>
    /// Videos whose pairs make the report's histogram when the threshold is not auto: all of them up to this many
    /// (8.4 million pairs, well under a second), evenly spaced ones beyond, so the cost stays bounded at any run size.
    /// </summary>
    public const int HistogramSampleRows = 4096;

    private static bool NodesArePrimaries(FaceNodes nodes, List<VideoFaceSet> videos)
    {
        if (nodes.Rows.Count != videos.Count) return false;
        for (var i = 0; i < videos.Count; i++)
            if (!ReferenceEquals(nodes.Rows[i], videos[i].Primary) && !nodes.Rows[i].AsSpan().SequenceEqual(videos[i].Primary)) return false;
        return true;
    }

    /// <summary>Highest similarity first, then by (I, J): a total order, so the result does not depend on the scan's thread timing.</summary>
    private static int HighestFirst(ScoredPair a, ScoredPair b) =>
        a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.I != b.I ? a.I.CompareTo(b.I) : a.J.CompareTo(b.J);
}
