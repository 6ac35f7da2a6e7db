namespace AdsRecommender.Core.Similarity;

/// <summary>
/// Counts of pair similarities in <see cref="BinCount"/> equal bins over [-1, 1]; values outside are clamped into the end bins.
/// </summary>
public sealed record SimilarityHistogram(long[] Counts)
{
    public const int DefaultBins = 200;

    public SimilarityHistogram() : this(new long[DefaultBins])
    {
    }

    public int BinCount => Counts.Length;

    public double BinWidth => 2.0 / Counts.Length;

    public long Total => Counts.Sum();

    public double BinCenter(int bin) => -1.0 + (bin + 0.5) * BinWidth;

    public double BinStart(int bin) => -1.0 + bin * BinWidth;

    public int BinOf(float similarity)
    {
        var b = (int)((similarity + 1f) * (Counts.Length / 2f));
        return b < 0 ? 0 : b >= Counts.Length ? Counts.Length - 1 : b;
    }

    public void Add(float similarity) => Counts[BinOf(float.IsNaN(similarity) ? 0f : similarity)]++;

    public void Merge(SimilarityHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Counts.Length != Counts.Length) throw new ArgumentException("Histograms have different bin counts.", nameof(other));
        for (var i = 0; i < Counts.Length; i++) Counts[i] += other.Counts[i];
    }

    /// <summary>Number of counted similarities at or above <paramref name="threshold"/> (by bin, so approximate at the edge bin).</summary>
    public long CountAtLeast(float threshold)
    {
        long n = 0;
        for (var i = BinOf(threshold); i < Counts.Length; i++) n += Counts[i];
        return n;
    }
}
