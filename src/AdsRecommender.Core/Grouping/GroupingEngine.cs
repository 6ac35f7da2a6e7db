using System.Numerics.Tensors;
using System.Globalization;
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
        var withFaces = WithFaces(videos, out var dim);
        var dop = Math.Max(1, options.MaxDegreeOfParallelism);

        // 1. threshold: only auto needs the distribution of all primary pairs; otherwise a bounded sample feeds the report.
        var nodes = FaceNodes.Of(withFaces, options.MultiFace, dim, options.LowQualitySharpness);
        var primaryNodes = NodesArePrimaries(nodes, withFaces);
        var faceMatrix = EmbeddingMatrix.FromRows(nodes.Rows);
        var primaries = primaryNodes ? faceMatrix : EmbeddingMatrix.FromRows(withFaces.Select(v => v.Primary).ToList());
        var auto = options.Threshold.Kind == ThresholdKind.Auto;
        var histogram = !auto ? HistogramSample(primaries, dop)
            : edges?.PrimaryHistogram ?? CosineSimilarity.Distribution(primaries, dop);
        var choice = ChooseThreshold(options, histogram, withFaces.Count);
        var threshold = choice.Value;

        // 2. pairs (primary vs primary, none between two low-quality faces) and 3. people (every face a node): edges
        // stream from the multi-core scan (or the tiles' pair shards) straight into union-find; only pairs at/above the
        // threshold are kept. When the face nodes are exactly the primaries (one face per video, or no multi-face) one scan gives both.
        var links = new UnionFind(faceMatrix.Rows);
        var pairs = new List<ScoredPair>();
        if (edges is not null)
        {
            if (edges.MinSimilarity > threshold)
                throw new InvalidOperationException($"the pair shards hold pairs from {edges.MinSimilarity}, the threshold is {threshold}");
            edges.Read(chunk =>
            {
                foreach (var e in chunk)
                {
                    if (e.Similarity < threshold || !LowQualityPairGate.Keeps(e, nodes.Low)) continue;
                    links.Union(e.I, e.J);
                    if (nodes.FaceIndex[e.I] == 0 && nodes.FaceIndex[e.J] == 0) pairs.Add(new ScoredPair(nodes.Owner[e.I], nodes.Owner[e.J], e.Similarity));
                }
            });
        }
        else
        {
            var primaryLow = withFaces.Select(v => LowQualityPairGate.IsLow(v, 0, options.LowQualitySharpness)).ToArray();
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
        }
        pairs.Sort(HighestFirst);
        var (people, loners, split) = People(faceMatrix, links, nodes.Owner, threshold, options);
        var joined = options.MergePeopleByCentroid ? PersonMerger.Merge(people, faceMatrix, nodes.Owner, threshold, dop) : 0;
        var attached = 0;
        if (options.AttachWeakFaces)
        {
            people.AddRange(loners);
            attached = WeakFaceAttacher.Attach(people, faceMatrix, nodes.Degraded, nodes.Owner, nodes.PrimaryFace, threshold, options);
        }

        return new Clustering(withFaces, pairs, Clusters(people, faceMatrix, nodes), choice)
        {
            Histogram = histogram,
            HistogramVideos = Math.Min(withFaces.Count, auto ? int.MaxValue : HistogramSampleRows),
            FaceCount = faceMatrix.Rows,
            SplitComponents = split,
            AttachedWeakFaces = attached,
            JoinedPeople = joined,
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

    private static SimilarityHistogram HistogramSample(EmbeddingMatrix primaries, int dop)
    {
        if (primaries.Rows <= HistogramSampleRows) return CosineSimilarity.Distribution(primaries, dop);
        var sample = new List<float[]>(HistogramSampleRows);
        for (var k = 0; k < HistogramSampleRows; k++)
            sample.Add(primaries.Row((int)((long)k * primaries.Rows / HistogramSampleRows)).ToArray());
        return CosineSimilarity.Distribution(EmbeddingMatrix.FromRows(sample), dop);
    }

    private static bool NodesArePrimaries(FaceNodes nodes, List<VideoFaceSet> videos)
    {
        if (nodes.Rows.Count != videos.Count) return false;
        for (var i = 0; i < videos.Count; i++)
            if (!ReferenceEquals(nodes.Rows[i], videos[i].Primary) && !nodes.Rows[i].AsSpan().SequenceEqual(videos[i].Primary)) return false;
        return true;
    }

    private static void Link(UnionFind links, ReadOnlySpan<ScoredPair> edges, IReadOnlyList<bool> low)
    {
        foreach (var e in edges)
            if (LowQualityPairGate.Keeps(e, low)) links.Union(e.I, e.J);
    }

    /// <summary>Highest similarity first, then by (I, J): a total order, so the result does not depend on the scan's thread timing.</summary>
    private static int HighestFirst(ScoredPair a, ScoredPair b) =>
        a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.I != b.I ? a.I.CompareTo(b.I) : a.J.CompareTo(b.J);

    private static ThresholdChoice ChooseThreshold(GroupingOptions options, SimilarityHistogram histogram, int videoCount) => options.Threshold.Kind switch
    {
        ThresholdKind.Fixed => new ThresholdChoice(options.Threshold.Value, string.Create(CultureInfo.InvariantCulture, $"fixed {options.Threshold.Value:0.00}")),
        ThresholdKind.Auto => AutoThreshold.Choose(histogram, videoCount, options.DefaultThreshold),
        _ => new ThresholdChoice(options.DefaultThreshold, string.Create(CultureInfo.InvariantCulture, $"default {options.DefaultThreshold:0.00}")),
    };

    /// <summary>
    /// Connected components of faces linked at the threshold: those spanning two or more videos are people (re-clustered by
    /// the chaining guard), the rest are loners (candidates for the weak-face second chance).
    /// </summary>
    private static (List<List<int>> People, List<List<int>> Loners, int Split) People(EmbeddingMatrix faceMatrix,
        UnionFind uf, IReadOnlyList<int> owner, float threshold, GroupingOptions options)
    {
        var people = new List<List<int>>();
        var loners = new List<List<int>>();
        var split = 0;
        foreach (var component in uf.Sets())
        {
            var videoCount = component.Select(f => owner[f]).Distinct().Count();
            if (videoCount < 2)
            {
                loners.Add(component);
                continue;
            }
            if (!options.ChainingGuard || component.Count <= 2 || component.Count > options.MaxGuardedComponent)
            {
                people.Add(component);
                continue;
            }
            var sims = SimilarityMatrix(faceMatrix, component);
            var labels = AverageLinkage.Cluster(sims, component.Count, threshold);
            var parts = component.Select((face, k) => (face, label: labels[k])).GroupBy(t => t.label).Select(g => g.Select(t => t.face).ToList()).ToList();
            if (parts.Count > 1) split++;
            people.AddRange(parts);
        }
        return (people, loners, split);
    }

    /// <summary>Person clusters spanning two or more videos, in the order found; clusters covering the same videos are merged.</summary>
    private static List<VideoCluster> Clusters(List<List<int>> people, EmbeddingMatrix faceMatrix, FaceNodes nodes)
    {
        var clusters = new Dictionary<string, VideoCluster>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            var members = person.Select(f => nodes.Owner[f]).Distinct().Order().ToList();
            if (members.Count < 2) continue;
            var key = string.Join('\u0001', members);
            var cohesion = MeanPairwise(faceMatrix, person);
            // the face of each member video that belongs to this person (lowest index = most prominent), in one pass:
            // a person can span hundreds of thousands of faces at 1M videos, so no scan of the person per member
            var lowestFace = new Dictionary<int, int>();
            foreach (var f in person)
                lowestFace[nodes.Owner[f]] = lowestFace.TryGetValue(nodes.Owner[f], out var seen) ? Math.Min(seen, nodes.FaceIndex[f]) : nodes.FaceIndex[f];
            var faceOf = members.Select(m => lowestFace[m]).ToList();
            clusters[key] = clusters.TryGetValue(key, out var c)
                ? c with { People = c.People + 1, Cohesion = Math.Max(c.Cohesion, cohesion), FaceCount = c.FaceCount + person.Count }
                : new VideoCluster(members, 1, cohesion, person.Count, faceOf);
        }
        return clusters.Values.ToList();
    }

    /// <summary>
    /// Every face of every video as a node (only primaries without multi-face): its video, its index there, its vectors,
    /// whether it is below the low-quality bound.
    /// </summary>
    private sealed record FaceNodes(List<int> Owner, List<int> FaceIndex, int[] PrimaryFace, List<float[]> Rows, List<float[]?> Degraded, List<bool> Low)
    {
        public static FaceNodes Of(List<VideoFaceSet> videos, bool multiFace, int dim, double lowQualitySharpness)
        {
            var nodes = new FaceNodes([], [], new int[videos.Count], [], [], []);
            for (var vi = 0; vi < videos.Count; vi++)
            {
                var v = videos[vi];
                nodes.PrimaryFace[vi] = nodes.Rows.Count;
                var faces = NodeFaces(v, multiFace);
                for (var fi = 0; fi < faces.Count; fi++)
                {
                    nodes.Owner.Add(vi);
                    nodes.FaceIndex.Add(fi);
                    nodes.Rows.Add(faces[fi]);
                    nodes.Degraded.Add(v.DegradedFaces is { } d && fi < d.Count && d[fi].Length == dim ? d[fi] : null);
                    nodes.Low.Add(LowQualityPairGate.IsLow(v, fi, lowQualitySharpness));
                }
            }
            return nodes;
        }
    }

    private static float[] SimilarityMatrix(EmbeddingMatrix m, List<int> items)
    {
        var n = items.Count;
        var s = new float[n * n];
        for (var a = 0; a < n; a++)
        {
            s[a * n + a] = 1f;
            for (var b = a + 1; b < n; b++)
            {
                var v = TensorPrimitives.Dot(m.Row(items[a]), m.Row(items[b]));
                s[a * n + b] = v;
                s[b * n + a] = v;
            }
        }
        return s;
    }

    /// <summary>Above this many faces a person's cohesion comes from the sum of its vectors instead of every pair.</summary>
    internal const int PairwiseCohesionLimit = 2048;

    internal static float MeanPairwise(EmbeddingMatrix m, List<int> items)
    {
        if (items.Count < 2) return 1f;
        if (items.Count > PairwiseCohesionLimit) return MeanPairwiseFromSum(m, items);
        double sum = 0;
        long count = 0;
        for (var a = 0; a < items.Count; a++)
        for (var b = a + 1; b < items.Count; b++)
        {
            sum += TensorPrimitives.Dot(m.Row(items[a]), m.Row(items[b]));
            count++;
        }
        return (float)(sum / count);
    }

    /// <summary>
    /// The same mean in O(k·d): the sum over pairs a &lt; b of v_a·v_b is (|Σv|² − Σ|v|²) / 2. Only for large persons: it
    /// rounds differently from the pair loop in the last bits, and smaller persons keep their earlier, pinned values.
    /// </summary>
    private static float MeanPairwiseFromSum(EmbeddingMatrix m, List<int> items)
    {
        var total = new double[m.Columns];
        double squares = 0;
        foreach (var i in items)
        {
            var row = m.Row(i);
            for (var c = 0; c < row.Length; c++)
            {
                total[c] += row[c];
                squares += (double)row[c] * row[c];
            }
        }
        double totalSquared = 0;
        foreach (var t in total) totalSquared += t * t;
        var pairs = (double)items.Count * (items.Count - 1) / 2;
        return (float)((totalSquared - squares) / 2 / pairs);
    }
}
