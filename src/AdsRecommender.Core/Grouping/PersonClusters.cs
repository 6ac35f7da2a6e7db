using System.Numerics.Tensors;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// From linked faces to people and groups: the connected components, re-clustered by the chaining guard (average
/// linkage at the threshold), then the people spanning two or more videos as video clusters.
/// </summary>
internal static class PersonClusters
{
    /// <summary>
    /// Connected components of faces linked at the threshold: those spanning two or more videos are people (re-clustered by
    /// the chaining guard), the rest are loners (candidates for the weak-face second chance).
    /// </summary>
    public static (List<List<int>> People, List<List<int>> Loners, int Split) People(EmbeddingMatrix faceMatrix,
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
    public static List<VideoCluster> Clusters(List<List<int>> people, EmbeddingMatrix faceMatrix, FaceNodes nodes)
    {
        var clusters = new Dictionary<string, VideoCluster>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            var members = person.Select(f => nodes.Owner[f]).Distinct().Order().ToList();
            if (members.Count < 2) continue;
            var key = string.Join('\u0001', members);
            var cohesion = Cohesion.MeanPairwise(faceMatrix, person);
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
}
