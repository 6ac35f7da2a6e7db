using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Tests.Grouping;

/// <summary>
/// A group's cohesion (mean cosine over its faces' pairs) for a person larger than the pair loop's limit comes from the
/// sum of its vectors; it must equal the mean over every pair, counted here the slow way.
/// </summary>
public sealed class CohesionTests
{
    [Fact]
    public void A_large_persons_cohesion_equals_the_mean_over_every_pair()
    {
        const int dim = 128, faces = Cohesion.PairwiseCohesionLimit + 500;
        var random = new Random(7);
        var centre = Unit(Enumerable.Range(0, dim).Select(_ => random.NextDouble() - 0.5).ToArray());
        var rows = Enumerable.Range(0, faces)
            .Select(_ => Unit(centre.Select(c => c + 0.08 * (random.NextDouble() - 0.5)).ToArray()))
            .ToList();
        var matrix = EmbeddingMatrix.FromRows(rows);
        var items = Enumerable.Range(0, faces).ToList();

        double sum = 0;
        for (var a = 0; a < faces; a++)
        for (var b = a + 1; b < faces; b++)
            sum += System.Numerics.Tensors.TensorPrimitives.Dot(matrix.Row(a), matrix.Row(b));
        var expected = sum / ((double)faces * (faces - 1) / 2);

        var cohesion = Cohesion.MeanPairwise(matrix, items);

        Assert.InRange(expected, 0.5, 0.999);
        Assert.Equal(expected, cohesion, 5);
    }

    private static float[] Unit(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => (float)(x / norm)).ToArray();
    }
}
