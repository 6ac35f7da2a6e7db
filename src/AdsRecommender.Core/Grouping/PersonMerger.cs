using System.Numerics.Tensors;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Joins person clusters of one person that pair grouping left apart (each reached the threshold only inside itself):
/// two clusters, each seen in at least two videos and sharing no video, are one person when the cosine of their
/// centroids reaches the grouping threshold. A centroid averages out the treatment of single clips, so two groups of
/// one person compare better than any two of their clips. Candidate pairs are found once (all pairs of the k clusters, by
/// the blocked kernel) and taken most similar first; before each join the two current (possibly already joined) clusters are
/// compared again, so a join never rests on a centroid that has since moved. No new constant: the threshold is the
/// grouping threshold. Measured on the validation split (docs/CALIBRATION.md).
/// </summary>
internal static class PersonMerger
{
    /// <returns>how many joins were made; <paramref name="people"/> is modified in place</returns>
    public static int Merge(List<List<int>> people, EmbeddingMatrix faces, IReadOnlyList<int> owner, float threshold, int dop = 1)
    {
        var clusters = people.Where(p => p.Select(f => owner[f]).Distinct().Count() >= 2).ToList();
        var sums = clusters.Select(p => Sum(p, faces)).ToList();
        var videos = clusters.Select(p => p.Select(f => owner[f]).ToHashSet()).ToList();
        var candidates = Candidates(sums, threshold, dop);
        var root = Enumerable.Range(0, clusters.Count).ToArray();
        int Find(int x) { while (root[x] != x) x = root[x] = root[root[x]]; return x; }
        var joins = 0;
        foreach (var (i0, j0, _) in candidates)
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

    /// <summary>
    /// Centroid pairs whose cosine reaches <paramref name="threshold"/>, most similar first, ties by (i, j): the blocked
    /// multi-core kernel over the normalised centroids finds the candidates with a margin far above float rounding, the
    /// exact cosine of the sums decides as before, so the list is the one the k^2 / 2 loop gave (at 1M videos there are
    /// ~10^5 clusters: 5e9 single-threaded cosines before).
    /// </summary>
    private static List<(int I, int J, float S)> Candidates(List<float[]> sums, float threshold, int dop)
    {
        const float margin = 1e-3f;
        var candidates = new List<(int I, int J, float S)>();
        if (sums.Count < 2) return candidates;
        StreamingPairScan.Run(EmbeddingMatrix.FromRows(sums), threshold - margin, dop, chunk =>
        {
            foreach (var p in chunk)
            {
                var s = TensorPrimitives.CosineSimilarity(sums[p.I], sums[p.J]);
                if (s >= threshold) candidates.Add((p.I, p.J, s));
            }
        });
        candidates.Sort(static (a, b) => a.S != b.S ? b.S.CompareTo(a.S) : a.I != b.I ? a.I.CompareTo(b.I) : a.J.CompareTo(b.J));
        return candidates;
    }

    private static float[] Sum(List<int> members, EmbeddingMatrix faces)
    {
        var c = new float[faces.Columns];
        foreach (var f in members) TensorPrimitives.Add(c, faces.Row(f), c);
        return c;
    }
}
