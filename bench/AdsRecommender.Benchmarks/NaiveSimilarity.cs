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
}
