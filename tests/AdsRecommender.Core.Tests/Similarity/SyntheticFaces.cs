namespace AdsRecommender.Core.Tests.Similarity;

/// <summary>Random 128-d "identities" (nearly orthogonal) and noisy samples of them, like embeddings of one person.</summary>
internal sealed class SyntheticFaces(int seed, int dimensions = 128)
{
    private readonly Random rng = new(seed);

    public int Dimensions { get; } = dimensions;

    public float[] Identity() => Normalize(Gaussian());

    /// <summary>A sample whose cosine with <paramref name="identity"/> is about 1/sqrt(1+noise^2).</summary>
    public float[] Sample(float[] identity, double noise = 0.6)
    {
        var g = Gaussian();
        var scale = noise / Math.Sqrt(Dimensions);
        return Normalize(identity.Select((x, i) => (float)(x + scale * g[i])).ToArray());
    }

    public static float[] Normalize(float[] v)
    {
        var n = Math.Sqrt(v.Sum(x => (double)x * x));
        return v.Select(x => (float)(x / n)).ToArray();
    }

    public static float[] Mix(float[] a, float[] b, double wa = 0.5) =>
        Normalize(a.Select((x, i) => (float)(wa * x + (1 - wa) * b[i])).ToArray());

    public static double Cos(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private float[] Gaussian()
    {
        var v = new float[Dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            v[i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return v;
    }
}
