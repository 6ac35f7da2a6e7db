using System.Numerics.Tensors;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>A person's cohesion: the mean cosine over every pair of its faces (<see cref="VideoCluster.Cohesion"/>).</summary>
internal static class Cohesion
{
    /// <summary>Above this many faces a person's cohesion comes from the sum of its vectors instead of every pair.</summary>
    public const int PairwiseCohesionLimit = 2048;

    public static float MeanPairwise(EmbeddingMatrix m, List<int> items)
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
