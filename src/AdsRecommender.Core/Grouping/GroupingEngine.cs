using System.Globalization;
using System.Numerics.Tensors;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Turns face vectors into similar pairs and groups of videos that share a face.
/// <list type="number">
/// <item><b>Threshold.</b> All primary-vs-primary cosines are computed once (blocked kernel); their histogram drives
/// <see cref="ThresholdKind.Auto"/> (see <see cref="AutoThreshold"/>); <see cref="ThresholdKind.Default"/> uses
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
/// as one group (<see cref="FaceGroup.People"/> &gt; 1).</item>
/// <item><b>Order.</b> Groups by video count descending, then average performance descending; numbered 1..n.
/// Videos with a face that are in no group are <see cref="GroupingResult.Ungrouped"/> (input order). Videos without a face
/// (empty primary) are not part of the result at all.</item>
/// </list>
/// </summary>
public static class GroupingEngine
{
    public static GroupingResult Run(IReadOnlyList<VideoFaceSet> videos, GroupingOptions options)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentNullException.ThrowIfNull(options);

        var withFaces = videos.Where(v => v.Primary is { Length: > 0 }).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in withFaces)
            if (!seen.Add(v.VideoId)) throw new ArgumentException($"Video '{v.VideoId}' appears more than once.", nameof(videos));
        var dim = withFaces.Count == 0 ? 0 : withFaces[0].Primary.Length;
        foreach (var v in withFaces)
        {
            if (v.Primary.Length != dim || v.Faces.Any(f => f.Length != dim))
                throw new ArgumentException($"Video '{v.VideoId}' has vectors of a different length than {dim}.", nameof(videos));
        }

        var dop = Math.Max(1, options.MaxDegreeOfParallelism);
        var performance = withFaces.ToDictionary(v => v.VideoId, v => v.Performance, StringComparer.Ordinal);
        var overallMean = withFaces.Count == 0 ? double.NaN : withFaces.Select(v => v.Performance).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();

        // 1. primary similarities: histogram of all pairs + candidates above the lowest threshold we may choose.
        var primaries = EmbeddingMatrix.FromRows(withFaces.Select(v => v.Primary).ToList());
        var scanFloor = options.Threshold.Kind switch
        {
            ThresholdKind.Fixed => options.Threshold.Value,
            ThresholdKind.Auto => AutoThreshold.ClampRange(options.DefaultThreshold).Low,
            _ => options.DefaultThreshold,
        };
        var (candidates, histogram) = CosineSimilarity.Scan(primaries, scanFloor, histogram: true, dop);
        var choice = options.Threshold.Kind switch
        {
            ThresholdKind.Fixed => new ThresholdChoice(options.Threshold.Value, string.Create(CultureInfo.InvariantCulture, $"fixed {options.Threshold.Value:0.00}")),
            ThresholdKind.Auto => AutoThreshold.Choose(histogram!, withFaces.Count, options.DefaultThreshold),
            _ => new ThresholdChoice(options.DefaultThreshold, string.Create(CultureInfo.InvariantCulture, $"default {options.DefaultThreshold:0.00}")),
        };
        var threshold = choice.Value;

        // 2. pairs CSV: primary vs primary.
        var primaryPairs = candidates.Where(p => p.Similarity >= threshold).ToList();
        var pairs = primaryPairs
            .OrderByDescending(p => p.Similarity).ThenBy(p => p.I).ThenBy(p => p.J)
            .Select(p => new SimilarPair(withFaces[p.I].VideoId, withFaces[p.J].VideoId, p.Similarity, withFaces[p.I].Performance, withFaces[p.J].Performance))
            .ToList();

        // 3. people: every face a node.
        var owner = new List<int>();
        var faceIndex = new List<int>();
        var primaryFace = new int[withFaces.Count];
        var faceRows = new List<float[]>();
        var degradedRows = new List<float[]?>();
        for (var vi = 0; vi < withFaces.Count; vi++)
        {
            var v = withFaces[vi];
            primaryFace[vi] = faceRows.Count;
            IReadOnlyList<float[]> faces = options.MultiFace && v.Faces.Count > 0 ? v.Faces : [v.Primary];
            for (var fi = 0; fi < faces.Count; fi++)
            {
                owner.Add(vi);
                faceIndex.Add(fi);
                faceRows.Add(faces[fi]);
                degradedRows.Add(v.DegradedFaces is { } d && fi < d.Count && d[fi].Length == dim ? d[fi] : null);
            }
        }
        var faceMatrix = options.MultiFace ? EmbeddingMatrix.FromRows(faceRows) : primaries;
        var edges = options.MultiFace ? CosineSimilarity.PairsAtLeast(faceMatrix, threshold, dop) : primaryPairs;
        var uf = new UnionFind(faceMatrix.Rows);
        foreach (var e in edges) uf.Union(e.I, e.J);

        var people = new List<List<int>>();
        var loners = new List<List<int>>(); // components within one video: candidates for the weak-face second chance
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

        var joined = options.MergePeopleByCentroid ? PersonMerger.Merge(people, faceMatrix, owner, threshold) : 0;
        var attached = 0;
        if (options.AttachWeakFaces)
        {
            people.AddRange(loners);
            attached = WeakFaceAttacher.Attach(people, faceMatrix, degradedRows, owner, primaryFace, threshold, options);
        }

        // 4. person clusters spanning >= 2 videos become groups; identical video sets are merged.
        var drafts = new Dictionary<string, Draft>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            var members = person.Select(f => owner[f]).Distinct().Order().ToList();
            if (members.Count < 2) continue;
            var key = string.Join('\u0001', members);
            var cohesion = MeanPairwise(faceMatrix, person);
            // the face of each member video that belongs to this person (lowest index = most prominent)
            var faceOf = members.Select(m => person.Where(f => owner[f] == m).Min(f => faceIndex[f])).ToList();
            if (drafts.TryGetValue(key, out var d))
                drafts[key] = d with { People = d.People + 1, Cohesion = Math.Max(d.Cohesion, cohesion), Faces = d.Faces + person.Count };
            else
                drafts[key] = new Draft(members, 1, cohesion, person.Count, faceOf);
        }

        var ordered = drafts.Values
            .Select(d => (d, stats: PerformanceStats.Compute(d.Members.Select(m => withFaces[m].Performance), overallMean)))
            .OrderByDescending(x => x.d.Members.Count)
            .ThenByDescending(x => double.IsNaN(x.stats.Mean) ? double.NegativeInfinity : x.stats.Mean)
            .ThenBy(x => x.d.Members[0])
            .ToList();
        var groups = ordered
            .Select((x, i) => new FaceGroup(i + 1, x.d.Members.Select(m => withFaces[m].VideoId).ToList(), x.stats.Mean, x.stats)
            {
                People = x.d.People,
                Cohesion = x.d.Cohesion,
                FaceCount = x.d.Faces,
                FaceIndexes = x.d.FaceIndexes,
            })
            .ToList();

        var grouped = new HashSet<int>(drafts.Values.SelectMany(d => d.Members));
        var ungrouped = withFaces.Where((_, i) => !grouped.Contains(i)).Select(v => v.VideoId).ToList();

        return new GroupingResult(pairs, groups, ungrouped, threshold, choice.Source)
        {
            Histogram = histogram!,
            Performance = performance,
            Overall = PerformanceStats.Compute(withFaces.Select(v => v.Performance), overallMean),
            VideoCount = withFaces.Count,
            FaceCount = faceMatrix.Rows,
            SplitComponents = split,
            AttachedWeakFaces = attached,
            JoinedPeople = joined,
        };
    }

    private sealed record Draft(List<int> Members, int People, float Cohesion, int Faces, List<int> FaceIndexes);

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

    private static float MeanPairwise(EmbeddingMatrix m, List<int> items)
    {
        if (items.Count < 2) return 1f;
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
}
