using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AdsRecommender.Core.Similarity;

/// <summary>
/// All-pairs cosine similarity over an <see cref="EmbeddingMatrix"/> (rows already L2-normalised, so cosine = dot).
/// The kernel walks the upper triangle in <see cref="TileSize"/> x <see cref="TileSize"/> tiles so that both tiles stay in L1/L2,
/// and computes one row against four rows at once with 256-bit FMA (four accumulators share each load of the left row).
/// No allocation per pair. Row blocks can be processed in parallel; each block has its own sink.
/// </summary>
public static class CosineSimilarity
{
    public const int TileSize = 64;

    /// <summary>Cosine of two vectors (not necessarily normalised); 0 when either is zero.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var na = TensorPrimitives.Norm(a);
        var nb = TensorPrimitives.Norm(b);
        return na == 0 || nb == 0 ? 0f : TensorPrimitives.Dot(a, b) / (na * nb);
    }

    /// <summary>Calls <paramref name="sink"/> for every pair i &lt; j with i in [<paramref name="rowStart"/>, <paramref name="rowEnd"/>).</summary>
    public static void AllPairs<TSink>(EmbeddingMatrix m, ref TSink sink, int rowStart = 0, int rowEnd = -1)
        where TSink : struct, IPairSink
    {
        ArgumentNullException.ThrowIfNull(m);
        if (rowEnd < 0) rowEnd = m.Rows;
        var n = m.Rows;
        var d = m.Columns;
        var data = m.Data;
        var wide = Vector256.IsHardwareAccelerated && d % Vector256<float>.Count == 0 && d > 0;
        for (var bi = rowStart; bi < rowEnd; bi += TileSize)
        {
            var iEnd = Math.Min(bi + TileSize, rowEnd);
            for (var bj = bi; bj < n; bj += TileSize)
            {
                var jEnd = Math.Min(bj + TileSize, n);
                for (var i = bi; i < iEnd; i++)
                {
                    var j = Math.Max(bj, i + 1);
                    if (wide)
                    {
                        ref var x = ref MemoryMarshal.GetArrayDataReference(data);
                        for (; j + 4 <= jEnd; j += 4)
                        {
                            Dot4(ref Unsafe.Add(ref x, i * d), ref Unsafe.Add(ref x, j * d), d, out var s0, out var s1, out var s2, out var s3);
                            sink.Add(i, j, s0);
                            sink.Add(i, j + 1, s1);
                            sink.Add(i, j + 2, s2);
                            sink.Add(i, j + 3, s3);
                        }
                    }
                    for (; j < jEnd; j++)
                        sink.Add(i, j, TensorPrimitives.Dot(m.Row(i), m.Row(j)));
                }
            }
        }
    }

    /// <summary>One row against four consecutive rows starting at <paramref name="y"/> (row stride <paramref name="d"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot4(ref float x, ref float y, int d, out float s0, out float s1, out float s2, out float s3)
    {
        var a0 = Vector256<float>.Zero;
        var a1 = Vector256<float>.Zero;
        var a2 = Vector256<float>.Zero;
        var a3 = Vector256<float>.Zero;
        ref var y1 = ref Unsafe.Add(ref y, d);
        ref var y2 = ref Unsafe.Add(ref y, 2 * d);
        ref var y3 = ref Unsafe.Add(ref y, 3 * d);
        for (var k = 0; k < d; k += Vector256<float>.Count)
        {
            var xv = Vector256.LoadUnsafe(ref x, (nuint)k);
            a0 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref y, (nuint)k), a0);
            a1 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref y1, (nuint)k), a1);
            a2 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref y2, (nuint)k), a2);
            a3 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref y3, (nuint)k), a3);
        }
        s0 = Vector256.Sum(a0);
        s1 = Vector256.Sum(a1);
        s2 = Vector256.Sum(a2);
        s3 = Vector256.Sum(a3);
    }

    /// <summary>All pairs with cosine &gt;= <paramref name="threshold"/>, sorted by (I, J).</summary>
    public static List<ScoredPair> PairsAtLeast(EmbeddingMatrix m, float threshold, int maxDegreeOfParallelism = 1)
    {
        var (pairs, _) = Scan(m, threshold, histogram: false, maxDegreeOfParallelism);
        return pairs;
    }

    /// <summary>The distribution of all upper-triangle similarities.</summary>
    public static SimilarityHistogram Distribution(EmbeddingMatrix m, int maxDegreeOfParallelism = 1) =>
        Scan(m, float.PositiveInfinity, histogram: true, maxDegreeOfParallelism).Histogram!;

    /// <summary>One pass that collects pairs &gt;= <paramref name="threshold"/> and, if asked, the histogram of all pairs.</summary>
    public static (List<ScoredPair> Pairs, SimilarityHistogram? Histogram) Scan(EmbeddingMatrix m, float threshold, bool histogram, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(m);
        var blocks = (m.Rows + TileSize - 1) / TileSize;
        var results = new (List<ScoredPair> Pairs, SimilarityHistogram? Histogram)[blocks];
        void RunBlock(int b)
        {
            var sink = new CollectingSink(threshold, histogram ? new SimilarityHistogram() : null);
            AllPairs(m, ref sink, b * TileSize, Math.Min((b + 1) * TileSize, m.Rows));
            results[b] = (sink.Pairs, sink.Histogram);
        }

        if (maxDegreeOfParallelism > 1 && blocks > 1)
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, RunBlock);
        else
            for (var b = 0; b < blocks; b++) RunBlock(b);

        var all = new List<ScoredPair>(results.Sum(r => r.Pairs?.Count ?? 0));
        var hist = histogram ? new SimilarityHistogram() : null;
        foreach (var r in results)
        {
            if (r.Pairs is not null) all.AddRange(r.Pairs);
            if (hist is not null && r.Histogram is not null) hist.Merge(r.Histogram);
        }
        all.Sort(static (a, b) => a.I != b.I ? a.I.CompareTo(b.I) : a.J.CompareTo(b.J));
        return (all, hist);
    }

    private struct CollectingSink(float threshold, SimilarityHistogram? histogram) : IPairSink
    {
        public readonly List<ScoredPair> Pairs = [];
        public readonly SimilarityHistogram? Histogram = histogram;
        private readonly long[]? counts = histogram?.Counts;
        private readonly float scale = (histogram?.BinCount ?? 2) / 2f;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int i, int j, float similarity)
        {
            if (counts is not null)
            {
                var b = (int)((similarity + 1f) * scale);
                counts[b < 0 ? 0 : b >= counts.Length ? counts.Length - 1 : b]++;
            }
            if (similarity >= threshold) Pairs.Add(new ScoredPair(i, j, similarity));
        }
    }
}
