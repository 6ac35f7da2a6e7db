using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Tests.Similarity;

public sealed class CosineSimilarityTests
{
    [Theory]
    [InlineData(150, 128)]
    [InlineData(67, 20)]
    [InlineData(5, 512)]
    [InlineData(131, 64)]
    public void Kernel_finds_exactly_the_pairs_a_double_precision_loop_finds(int n, int d)
    {
        var faces = new SyntheticFaces(n * 31 + d, d);
        var people = Enumerable.Range(0, 6).Select(_ => faces.Identity()).ToArray();
        var rows = Enumerable.Range(0, n).Select(i => faces.Sample(people[i % people.Length], 1.0)).ToList();
        // raw (unnormalised) input: scale rows so normalisation matters
        for (var i = 0; i < rows.Count; i++) rows[i] = rows[i].Select(x => x * (i + 1)).ToArray();
        var m = EmbeddingMatrix.FromRows(rows);

        // a threshold amid the data (the 80th percentile of all pair cosines), so pairs lie just below and just above it
        var all = new List<double>();
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
            all.Add(SyntheticFaces.Cos(rows[i], rows[j]));
        var threshold = (float)all.Order().ElementAt(all.Count * 4 / 5);

        var pairs = CosineSimilarity.PairsAtLeast(m, threshold);

        // The float kernel and this double loop may disagree only for pairs within float rounding of the threshold.
        const double band = 1e-5;
        var expected = new HashSet<(int, int)>();
        var borderline = new HashSet<(int, int)>();
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
        {
            var c = SyntheticFaces.Cos(rows[i], rows[j]);
            if (c >= threshold + band) expected.Add((i, j));
            else if (c >= threshold - band) borderline.Add((i, j));
        }
        Assert.NotEmpty(expected);
        var found = pairs.Select(p => (p.I, p.J)).ToList();
        Assert.Equal(found.Count, found.Distinct().Count());
        Assert.Equal(expected.Order(), found.Except(borderline).Order());
        Assert.All(pairs, p => Assert.Equal(SyntheticFaces.Cos(rows[p.I], rows[p.J]), p.Similarity, 1e-5));
    }

    [Fact]
    public void Parallel_scan_gives_the_same_pairs_and_histogram_as_serial()
    {
        var faces = new SyntheticFaces(7);
        var people = Enumerable.Range(0, 10).Select(_ => faces.Identity()).ToArray();
        var m = EmbeddingMatrix.FromRows(Enumerable.Range(0, 300).Select(i => faces.Sample(people[i % 10])).ToList());
        var serial = CosineSimilarity.Scan(m, 0.5f, histogram: true, 1);
        var parallel = CosineSimilarity.Scan(m, 0.5f, histogram: true, 4);
        Assert.Equal(serial.Pairs, parallel.Pairs);
        Assert.Equal(serial.Histogram!.Counts, parallel.Histogram!.Counts);
        Assert.Equal(300L * 299 / 2, serial.Histogram.Total);
        Assert.Equal(10 * (30 * 29 / 2), serial.Pairs.Count); // same-person pairs only at cos ~0.74
    }

    [Theory]
    [InlineData(77, 128)]
    [InlineData(130, 8)]
    [InlineData(2, 16)]
    [InlineData(1, 16)]
    public void Every_pair_is_visited_exactly_once(int n, int d)
    {
        var faces = new SyntheticFaces(n, d);
        var m = EmbeddingMatrix.FromRows(Enumerable.Range(0, n).Select(_ => faces.Identity()).ToList());
        var pairs = CosineSimilarity.PairsAtLeast(m, -2f);
        Assert.Equal(n * (n - 1) / 2, pairs.Count);
        Assert.Equal(pairs.Count, pairs.Select(p => (p.I, p.J)).Distinct().Count());
        Assert.All(pairs, p => Assert.True(p.I < p.J && p.J < n));
    }

    [Fact]
    public void Zero_vectors_are_similar_to_nothing()
    {
        var m = EmbeddingMatrix.FromRows([[0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], [1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], [2f, 0f, 0f, 0f, 0f, 0f, 0f, 0f]]);
        var pairs = CosineSimilarity.PairsAtLeast(m, -1f);
        Assert.Equal(3, pairs.Count);
        Assert.Equal(0f, pairs.Single(p => p is { I: 0, J: 1 }).Similarity);
        Assert.Equal(1f, pairs.Single(p => p is { I: 1, J: 2 }).Similarity, 1e-6);
    }

    [Fact]
    public void Distribution_bins_known_similarities()
    {
        var m = EmbeddingMatrix.FromRows([[1f, 0f], [0f, 1f], [1f, 1f]]);
        var h = CosineSimilarity.Distribution(m);
        Assert.Equal(3, h.Total);
        Assert.Equal(1, h.Counts[h.BinOf(0f)]);
        Assert.Equal(2, h.Counts[h.BinOf(0.7071f)]);
        Assert.Equal(2, h.CountAtLeast(0.5f));
    }

    [Fact]
    public void Vectors_of_different_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => EmbeddingMatrix.FromRows([new float[4], new float[5]]));
    }
}
