using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Tests.Similarity;

/// <summary>
/// The sharded path cuts the rows into shards and scans each tile (a shard with itself, or two shards); it must find
/// exactly the pairs of the whole matrix, with bit-identical similarities (a pair's score may not depend on its position).
/// </summary>
public sealed class CrossPairsTests
{
    [Theory]
    [InlineData(517, 128, 3)]
    [InlineData(301, 20, 4)]
    [InlineData(260, 64, 2)]
    public void Tiles_of_shards_find_the_whole_matrix_pairs_with_the_same_bits(int n, int d, int shards)
    {
        var faces = new SyntheticFaces(n + d, d);
        var people = Enumerable.Range(0, n / 6).Select(_ => faces.Identity()).ToArray();
        var rows = Enumerable.Range(0, n).Select(i => i % 4 == 0 ? faces.Identity() : faces.Sample(people[i % people.Length], 0.9)).ToList();
        const float threshold = 0.3f;
        var whole = new Dictionary<(int, int), float>();
        StreamingPairScan.Run(EmbeddingMatrix.FromRows(rows), threshold, 2, chunk =>
        {
            foreach (var p in chunk) whole.Add((p.I, p.J), p.Similarity);
        });

        // uneven shards, so rows sit at other offsets within the 64-row blocks and the 2x4 register tiles than in the whole
        var bounds = Enumerable.Range(0, shards + 1).Select(k => k == shards ? n : k * n / shards + (k > 0 ? 3 : 0)).ToArray();
        var tiled = new Dictionary<(int, int), float>();
        for (var a = 0; a < shards; a++)
        for (var b = a; b < shards; b++)
        {
            var left = EmbeddingMatrix.FromRows(rows.GetRange(bounds[a], bounds[a + 1] - bounds[a]));
            var right = EmbeddingMatrix.FromRows(rows.GetRange(bounds[b], bounds[b + 1] - bounds[b]));
            var sink = new Collect(threshold, bounds[a], bounds[b], tiled);
            if (a == b) CosineSimilarity.AllPairs(left, ref sink);
            else CosineSimilarity.CrossPairs(left, right, ref sink);
        }

        Assert.True(whole.Count > 500, $"only {whole.Count} pairs");
        Assert.Equal(whole.Count, tiled.Count);
        foreach (var (key, s) in whole)
        {
            Assert.True(tiled.TryGetValue(key, out var t), $"pair {key} missing from the tiles");
            Assert.Equal(BitConverter.SingleToInt32Bits(s), BitConverter.SingleToInt32Bits(t));
        }
    }

    private readonly struct Collect(float min, int offI, int offJ, Dictionary<(int, int), float> into) : IPairSink
    {
        public float MinSimilarity => min;

        public void Add(int i, int j, float similarity) => into.Add((i + offI, j + offJ), similarity);
    }
}
