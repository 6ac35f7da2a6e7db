using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Benchmarks;

/// <summary>The straightforward port: per pair, copy both vectors to double[] and compute the cosine with a scalar loop.</summary>
public static class NaiveSimilarity
{
    public static int CountPairsAtLeast(float[][] rows, double threshold)
    {
        var count = 0;
        for (var i = 0; i < rows.Length; i++)
        for (var j = i + 1; j < rows.Length; j++)
        {
            var a = new double[rows[i].Length];
            var b = new double[rows[j].Length];
            for (var k = 0; k < a.Length; k++)
            {
                a[k] = rows[i][k];
                b[k] = rows[j][k];
            }
            double dot = 0, na = 0, nb = 0;
            for (var k = 0; k < a.Length; k++)
            {
                dot += a[k] * b[k];
                na += a[k] * a[k];
                nb += b[k] * b[k];
            }
            if (dot / (Math.Sqrt(na) * Math.Sqrt(nb)) >= threshold) count++;
        }
        return count;
    }

    /// <summary>
    /// The fair baseline: the same work as the kernel (dot products of rows normalised once, compare with the threshold,
    /// hand each hit to a sink) as a plain scalar double loop over the flat matrix, with no allocation per pair.
    /// </summary>
    public static long CountPairsAtLeast(EmbeddingMatrix m, float threshold)
    {
        var x = m.Data;
        var d = m.Columns;
        long count = 0;
        for (var i = 0; i < m.Rows; i++)
        for (var j = i + 1; j < m.Rows; j++)
        {
            var dot = 0f;
            int a = i * d, b = j * d;
            for (var k = 0; k < d; k++) dot += x[a + k] * x[b + k];
            if (dot >= threshold) count++;
        }
        return count;
    }
}
