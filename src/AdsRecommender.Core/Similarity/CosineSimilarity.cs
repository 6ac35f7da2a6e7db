using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AdsRecommender.Core.Similarity;

/// <summary>
/// All-pairs cosine similarity over an <see cref="EmbeddingMatrix"/> (rows already L2-normalised, so cosine = dot).
/// The kernel walks the upper triangle in <see cref="TileSize"/> x <see cref="TileSize"/> tiles so that both tiles stay in L1/L2,
/// and computes two rows against four rows at once with 256-bit FMA (eight accumulators; each load feeds two or four FMAs),
/// reducing the four sums of a row with horizontal adds and filtering them with one vector compare.
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

    /// <summary>
    /// Calls <paramref name="sink"/> for every pair i &lt; j with i in [<paramref name="rowStart"/>, <paramref name="rowEnd"/>)
    /// whose similarity is at least <see cref="IPairSink.MinSimilarity"/>.
    /// </summary>
    public static void AllPairs<TSink>(EmbeddingMatrix m, ref TSink sink, int rowStart = 0, int rowEnd = -1)
        where TSink : struct, IPairSink
    {
        ArgumentNullException.ThrowIfNull(m);
        if (rowEnd < 0) rowEnd = m.Rows;
        var n = m.Rows;
        var d = m.Columns;
        var wide = Avx.IsSupported && Fma.IsSupported && d % Vector256<float>.Count == 0 && d > 0;
        if (!wide)
        {
            ScalarPairs(m, ref sink, rowStart, rowEnd);
            return;
        }
        var min = sink.MinSimilarity;
        var minV = Vector128.Create(min);
        ref var x = ref MemoryMarshal.GetArrayDataReference(m.Data);
        for (var bi = rowStart; bi < rowEnd; bi += TileSize)
        {
            var iEnd = Math.Min(bi + TileSize, rowEnd);
            for (var bj = bi; bj < n; bj += TileSize)
            {
                var jEnd = Math.Min(bj + TileSize, n);
                var i = bi;
                // two rows of the left tile against four rows of the right tile: 8 accumulators, 6 loads per 8 FMAs
                for (; i + 1 < iEnd; i += 2)
                {
                    var j = Math.Max(bj, i + 2);
                    if (bj <= i + 1 && i + 1 < jEnd) Emit(ref sink, i, i + 1, Dot(ref x, i, i + 1, d), min);
                    ref var r0 = ref Unsafe.Add(ref x, i * d);
                    ref var r1 = ref Unsafe.Add(ref x, (i + 1) * d);
                    for (; j + 4 <= jEnd; j += 4)
                    {
                        Dot2x4(ref r0, ref r1, ref Unsafe.Add(ref x, j * d), d, out var s0, out var s1);
                        Emit4(ref sink, i, j, s0, minV);
                        Emit4(ref sink, i + 1, j, s1, minV);
                    }
                    for (; j < jEnd; j++)
                    {
                        Emit(ref sink, i, j, Dot(ref x, i, j, d), min);
                        Emit(ref sink, i + 1, j, Dot(ref x, i + 1, j, d), min);
                    }
                }
                for (; i < iEnd; i++)
                {
                    for (var j = Math.Max(bj, i + 1); j < jEnd; j++)
                        Emit(ref sink, i, j, Dot(ref x, i, j, d), min);
                }
            }
        }
    }

    private static void ScalarPairs<TSink>(EmbeddingMatrix m, ref TSink sink, int rowStart, int rowEnd)
        where TSink : struct, IPairSink
    {
        var min = sink.MinSimilarity;
        for (var bi = rowStart; bi < rowEnd; bi += TileSize)
        {
            var iEnd = Math.Min(bi + TileSize, rowEnd);
            for (var bj = bi; bj < m.Rows; bj += TileSize)
            {
                var jEnd = Math.Min(bj + TileSize, m.Rows);
                for (var i = bi; i < iEnd; i++)
                for (var j = Math.Max(bj, i + 1); j < jEnd; j++)
                {
                    var s = TensorPrimitives.Dot(m.Row(i), m.Row(j));
                    if (s >= min) sink.Add(i, j, s);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit<TSink>(ref TSink sink, int i, int j, float s, float min)
        where TSink : struct, IPairSink
    {
        if (s >= min) sink.Add(i, j, s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit4<TSink>(ref TSink sink, int i, int j, Vector128<float> s, Vector128<float> min)
        where TSink : struct, IPairSink
    {
        var mask = Vector128.GreaterThanOrEqual(s, min).ExtractMostSignificantBits();
        if (mask == 0b1111)
        {
            sink.Add(i, j, s.GetElement(0));
            sink.Add(i, j + 1, s.GetElement(1));
            sink.Add(i, j + 2, s.GetElement(2));
            sink.Add(i, j + 3, s.GetElement(3));
            return;
        }
        while (mask != 0)
        {
            var k = BitOperations.TrailingZeroCount(mask);
            sink.Add(i, j + k, s.GetElement(k));
            mask &= mask - 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ref float x, int i, int j, int d)
    {
        var acc = Vector256<float>.Zero;
        ref var a = ref Unsafe.Add(ref x, i * d);
        ref var b = ref Unsafe.Add(ref x, j * d);
        for (var k = 0; k < d; k += Vector256<float>.Count)
            acc = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)k), Vector256.LoadUnsafe(ref b, (nuint)k), acc);
        return Vector256.Sum(acc);
    }

    /// <summary>Rows <paramref name="x0"/> and <paramref name="x1"/> against four consecutive rows from <paramref name="y"/> (stride <paramref name="d"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot2x4(ref float x0, ref float x1, ref float y, int d, out Vector128<float> s0, out Vector128<float> s1)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default;
        ref var y1 = ref Unsafe.Add(ref y, d);
        ref var y2 = ref Unsafe.Add(ref y, 2 * d);
        ref var y3 = ref Unsafe.Add(ref y, 3 * d);
        for (var k = 0; k < d; k += Vector256<float>.Count)
        {
            var u = Vector256.LoadUnsafe(ref x0, (nuint)k);
            var v = Vector256.LoadUnsafe(ref x1, (nuint)k);
            var w = Vector256.LoadUnsafe(ref y, (nuint)k);
            a0 = Fma.MultiplyAdd(u, w, a0);
            b0 = Fma.MultiplyAdd(v, w, b0);
            w = Vector256.LoadUnsafe(ref y1, (nuint)k);
            a1 = Fma.MultiplyAdd(u, w, a1);
            b1 = Fma.MultiplyAdd(v, w, b1);
            w = Vector256.LoadUnsafe(ref y2, (nuint)k);
            a2 = Fma.MultiplyAdd(u, w, a2);
            b2 = Fma.MultiplyAdd(v, w, b2);
            w = Vector256.LoadUnsafe(ref y3, (nuint)k);
            a3 = Fma.MultiplyAdd(u, w, a3);
            b3 = Fma.MultiplyAdd(v, w, b3);
        }
        s0 = Reduce4(a0, a1, a2, a3);
        s1 = Reduce4(b0, b1, b2, b3);
    }

    /// <summary>The four horizontal sums of four vectors, in one <see cref="Vector128{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Reduce4(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3)
    {
        var h = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
        return h.GetLower() + h.GetUpper();
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

        public readonly float MinSimilarity => counts is null ? threshold : float.NegativeInfinity;

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
