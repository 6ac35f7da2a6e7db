namespace AdsRecommender.Benchmarks;

/// <summary>Deterministic random 128-d vectors: groups of 5 noisy samples around random identities.</summary>
public static class BenchData
{
    public static float[][] Vectors(int n, int d = 128, int seed = 1)
    {
        var rng = new Random(seed);
        float[] Gauss()
        {
            var v = new float[d];
            for (var i = 0; i < d; i++)
                v[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
            return v;
        }
        var rows = new float[n][];
        float[] identity = Gauss();
        for (var i = 0; i < n; i++)
        {
            if (i % 5 == 0) identity = Gauss();
            var noise = Gauss();
            rows[i] = identity.Select((x, k) => x + 0.7f * noise[k]).ToArray();
        }
        return rows;
    }
}
