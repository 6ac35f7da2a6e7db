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
/// A pair's similarity does not depend on where its rows sit (block, position, matrix): every dot product accumulates in
/// the same order and reduces the same way, and TensorPrimitives does not align its float sums to the address, so the
/// sharded path (tiles of two shards) and the single matrix give bit-identical similarities.
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
        for (var bi = rowStart; bi < rowEnd; bi += TileSize)
        for (var bj = bi; bj < m.Rows; bj += TileSize)
            Block(m, m, ref sink, bi, Math.Min(bi + TileSize, rowEnd), bj, Math.Min(bj + TileSize, m.Rows), upper: true);
    }

    /// <summary>
    /// Calls <paramref name="sink"/> for every row i of <paramref name="left"/> in [<paramref name="rowStart"/>,
    /// <paramref name="rowEnd"/>) and every row j of <paramref name="right"/> whose similarity is at least
    /// <see cref="IPairSink.MinSimilarity"/> (i indexes <paramref name="left"/>, j <paramref name="right"/>): a tile of two shards.
    /// </summary>
    public static void CrossPairs<TSink>(EmbeddingMatrix left, EmbeddingMatrix right, ref TSink sink, int rowStart = 0, int rowEnd = -1)
        where TSink : struct, IPairSink
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Columns != right.Columns && left.Rows > 0 && right.Rows > 0)
            throw new ArgumentException($"rows of {left.Columns} and {right.Columns} values cannot be compared", nameof(right));
        if (rowEnd < 0) rowEnd = left.Rows;
        for (var bi = rowStart; bi < rowEnd; bi += TileSize)
        for (var bj = 0; bj < right.Rows; bj += TileSize)
            Block(left, right, ref sink, bi, Math.Min(bi + TileSize, rowEnd), bj, Math.Min(bj + TileSize, right.Rows), upper: false);
    }

    /// <summary>
    /// Rows [bi, iEnd) of <paramref name="left"/> against rows [bj, jEnd) of <paramref name="right"/>; with
    /// <paramref name="upper"/> (both the same matrix) only j &gt; i.
    /// </summary>
    private static void Block<TSink>(EmbeddingMatrix left, EmbeddingMatrix right, ref TSink sink, int bi, int iEnd, int bj, int jEnd, bool upper)
        where TSink : struct, IPairSink
    {
        var d = left.Columns;
        var min = sink.MinSimilarity;
        if (!Wide(d))
        {
            for (var i = bi; i < iEnd; i++)
            for (var j = upper ? Math.Max(bj, i + 1) : bj; j < jEnd; j++)
                Emit(ref sink, i, j, TensorPrimitives.Dot(left.Row(i), right.Row(j)), min);
            return;
        }
        var minV = Vector128.Create(min);
        ref var x = ref MemoryMarshal.GetArrayDataReference(left.Data);
        ref var y = ref MemoryMarshal.GetArrayDataReference(right.Data);
        var i0 = bi;
        // two rows of the left tile against four rows of the right tile: 8 accumulators, 6 loads per 8 FMAs
        for (; i0 + 1 < iEnd; i0 += 2)
        {
            var i = i0;
            var j = upper ? Math.Max(bj, i + 2) : bj;
            if (upper && bj <= i + 1 && i + 1 < jEnd) Emit(ref sink, i, i + 1, WideDot(ref Unsafe.Add(ref x, i * d), ref Unsafe.Add(ref y, (i + 1) * d), d), min);
            ref var r0 = ref Unsafe.Add(ref x, i * d);
            ref var r1 = ref Unsafe.Add(ref x, (i + 1) * d);
            for (; j + 4 <= jEnd; j += 4)
            {
                Dot2x4(ref r0, ref r1, ref Unsafe.Add(ref y, j * d), d, out var s0, out var s1);
                Emit4(ref sink, i, j, s0, minV);
                Emit4(ref sink, i + 1, j, s1, minV);
            }
            for (; j < jEnd; j++)
            {
                ref var c = ref Unsafe.Add(ref y, j * d);
                Emit(ref sink, i, j, WideDot(ref r0, ref c, d), min);
                Emit(ref sink, i + 1, j, WideDot(ref r1, ref c, d), min);
            }
        }
        for (; i0 < iEnd; i0++)
        {
            for (var j = upper ? Math.Max(bj, i0 + 1) : bj; j < jEnd; j++)
                Emit(ref sink, i0, j, WideDot(ref Unsafe.Add(ref x, i0 * d), ref Unsafe.Add(ref y, j * d), d), min);
        }
    }

    private static bool Wide(int d) => Avx.IsSupported && Fma.IsSupported && d % Vector256<float>.Count == 0 && d > 0;

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

    /// <summary>One pair, accumulated and reduced as one lane of <see cref="Dot2x4"/> (<see cref="Vector256.Sum{T}"/> adds the halves' pairwise sums as <see cref="Reduce4"/> does; CrossPairsTests checks the bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float WideDot(ref float a, ref float b, int d)
    {
        var acc = Vector256<float>.Zero;
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
