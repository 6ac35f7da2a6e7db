using System.Numerics.Tensors;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Joins person clusters of one person that pair grouping left apart (each reached the threshold only inside itself):
/// two clusters, each seen in at least two videos and sharing no video, are one person when the cosine of their
/// centroids reaches the grouping threshold. A centroid averages out the treatment of single clips, so two groups of
/// one person compare better than any two of their clips. Greedy, most similar first, centroids recomputed after each
/// join. No new constant: the threshold is the grouping threshold. Measured on the validation split (docs/CALIBRATION.md).
/// </summary>
internal static class PersonMerger
{
    /// <returns>how many joins were made; <paramref name="people"/> is modified in place</returns>
    public static int Merge(List<List<int>> people, EmbeddingMatrix faces, IReadOnlyList<int> owner, float threshold)
    {
        var candidates = people.Where(p => p.Select(f => owner[f]).Distinct().Count() >= 2).ToList();
        var centroids = candidates.Select(p => Centroid(p, faces)).ToList();
        var videos = candidates.Select(p => p.Select(f => owner[f]).ToHashSet()).ToList();
        var joins = 0;
        while (true)
        {
            var (bi, bj, best) = (-1, -1, float.NegativeInfinity);
            for (var i = 0; i < candidates.Count; i++)
                for (var j = i + 1; j < candidates.Count; j++)
                {
                    if (videos[i].Overlaps(videos[j])) continue; // two people of one video stay apart
                    var s = TensorPrimitives.CosineSimilarity(centroids[i], centroids[j]);
                    if (s > best) (bi, bj, best) = (i, j, s);
                }
            if (bi < 0 || best < threshold) return joins;
            candidates[bi].AddRange(candidates[bj]);
            candidates[bj].Clear();
            videos[bi].UnionWith(videos[bj]);
            centroids[bi] = Centroid(candidates[bi], faces);
            candidates.RemoveAt(bj);
            videos.RemoveAt(bj);
            centroids.RemoveAt(bj);
            people.RemoveAll(p => p.Count == 0);
            joins++;
        }
    }

    private static float[] Centroid(List<int> members, EmbeddingMatrix faces)
    {
        var c = new float[faces.Columns];
        foreach (var f in members) TensorPrimitives.Add(c, faces.Row(f), c);
        return c;
    }
}
