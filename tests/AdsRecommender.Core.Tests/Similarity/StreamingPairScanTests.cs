using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Tests.Similarity;

public sealed class StreamingPairScanTests
{
    [Theory]
    [InlineData(700, 128, 2, 0.75)]
    [InlineData(700, 128, 4, 0.95)]
    [InlineData(301, 20, 3, 0.8)]
    [InlineData(130, 64, 1, 0.9)]
    public void Streams_exactly_the_pairs_a_naive_double_loop_finds(int n, int d, int threads, double quantile)
    {
        var faces = new SyntheticFaces(n + d + threads, d);
        var people = Enumerable.Range(0, n / 7).Select(_ => faces.Identity()).ToArray();
        var rows = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? faces.Identity() : faces.Sample(people[i % people.Length], 0.9)).ToList();
        var naive = new List<(int I, int J, double S)>();
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
            naive.Add((i, j, SyntheticFaces.Cos(rows[i], rows[j])));
        var threshold = ThresholdInAGap(naive.Select(p => p.S), quantile);
        var expected = naive.Where(p => p.S >= threshold).Select(p => (p.I, p.J)).ToHashSet();

        var found = new List<ScoredPair>();
        var chunks = 0;
        var count = StreamingPairScan.Run(EmbeddingMatrix.FromRows(rows), (float)threshold, threads, chunk =>
        {
            chunks++;
            Assert.InRange(chunk.Length, 1, StreamingPairScan.ChunkSize);
            foreach (var p in chunk) found.Add(p);
        });

        Assert.True(expected.Count > StreamingPairScan.ChunkSize / 8, $"too few pairs ({expected.Count}) to mean anything");
        Assert.Equal(expected.Count, count);
        Assert.Equal(found.Count, found.Select(p => (p.I, p.J)).Distinct().Count());
        Assert.True(expected.SetEquals(found.Select(p => (p.I, p.J))));
        Assert.All(found, p => Assert.Equal(SyntheticFaces.Cos(rows[p.I], rows[p.J]), p.Similarity, 1e-5));
        Assert.True(chunks >= 1);
    }

    [Fact]
    public void Chunks_never_exceed_the_chunk_size_and_no_pair_is_lost_between_them()
    {
        var faces = new SyntheticFaces(3, 16);
        var m = EmbeddingMatrix.FromRows(Enumerable.Range(0, 400).Select(_ => faces.Identity()).ToList());
        long seen = 0;
        var largest = 0;
        var count = StreamingPairScan.Run(m, -2f, 2, chunk =>
        {
            seen += chunk.Length;
            largest = Math.Max(largest, chunk.Length);
        });
        Assert.Equal(400L * 399 / 2, count);
        Assert.Equal(count, seen);
        Assert.Equal(StreamingPairScan.ChunkSize, largest);
    }

    [Fact]
    public void A_failing_callback_surfaces_as_an_exception()
    {
        var faces = new SyntheticFaces(5, 16);
        var m = EmbeddingMatrix.FromRows(Enumerable.Range(0, 300).Select(_ => faces.Identity()).ToList());
        var e = Assert.ThrowsAny<Exception>(() => StreamingPairScan.Run(m, -2f, 2, _ => throw new IOException("disk full")));
        Assert.Contains("disk full", e.ToString());
    }

    /// <summary>
    /// A threshold near the given quantile of the similarities, in the middle of a gap of at least 1e-4 between two
    /// neighbouring values, so that float rounding in the kernel cannot put a pair on the other side of it.
    /// </summary>
    private static double ThresholdInAGap(IEnumerable<double> similarities, double quantile)
    {
        var sorted = similarities.Order().ToArray();
        for (var k = (int)(quantile * (sorted.Length - 1)); k + 1 < sorted.Length; k++)
            if (sorted[k + 1] - sorted[k] >= 1e-4) return (sorted[k] + sorted[k + 1]) / 2;
        throw new InvalidOperationException("no gap found");
    }
}
