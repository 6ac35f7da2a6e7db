using System.Numerics.Tensors;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Joins person clusters of one person that pair grouping left apart (each reached the threshold only inside itself):
/// two clusters, each seen in at least two videos and sharing no video, are one person when the cosine of their
/// centroids reaches the grouping threshold. A centroid averages out the treatment of single clips, so two groups of
/// one person compare better than any two of their clips. Candidate pairs are found once (k^2 / 2 cosines over the k
/// clusters) and taken most similar first; before each join the two current (possibly already joined) clusters are
/// compared again, so a join never rests on a centroid that has since moved. No new constant: the threshold is the
/// grouping threshold. Measured on the validation split (docs/CALIBRATION.md).
/// </summary>
internal static class PersonMerger
{
    /// <returns>how many joins were made; <paramref name="people"/> is modified in place</returns>
    public static int Merge(List<List<int>> people, EmbeddingMatrix faces, IReadOnlyList<int> owner, float threshold)
    {
        var clusters = people.Where(p => p.Select(f => owner[f]).Distinct().Count() >= 2).ToList();
        var sums = clusters.Select(p => Sum(p, faces)).ToList();
        var videos = clusters.Select(p => p.Select(f => owner[f]).ToHashSet()).ToList();
        var candidates = new List<(int I, int J, float S)>();
        for (var i = 0; i < clusters.Count; i++)
            for (var j = i + 1; j < clusters.Count; j++)
            {
                var s = TensorPrimitives.CosineSimilarity(sums[i], sums[j]);
                if (s >= threshold) candidates.Add((i, j, s));
            }
        var root = Enumerable.Range(0, clusters.Count).ToArray();
        int Find(int x) { while (root[x] != x) x = root[x] = root[root[x]]; return x; }
        var joins = 0;
        foreach (var (i0, j0, _) in candidates.OrderByDescending(c => c.S))
        {
            int i = Find(i0), j = Find(j0);
            if (i == j || videos[i].Overlaps(videos[j])) continue; // two people of one video stay apart
            if (TensorPrimitives.CosineSimilarity(sums[i], sums[j]) < threshold) continue;
            clusters[i].AddRange(clusters[j]);
            clusters[j].Clear();
            videos[i].UnionWith(videos[j]);
            TensorPrimitives.Add(sums[i], sums[j], sums[i]);
            root[j] = i;
            joins++;
        }
        people.RemoveAll(p => p.Count == 0);
        return joins;
    }

    private static float[] Sum(List<int> members, EmbeddingMatrix faces)
    {
        var c = new float[faces.Columns];
        foreach (var f in members) TensorPrimitives.Add(c, faces.Row(f), c);
        return c;
    }
}
