using System.Globalization;

namespace AdsRecommender.Core.Similarity;

/// <summary>
/// Picks a threshold from the similarity distribution of all video pairs of a run.
/// <para>
/// The realistic shape: most pairs are different people (a large mode around 0-0.3), same-person pairs form a small
/// high mode. The histogram is split by Otsu's method, a two-component Gaussian mixture is fitted with EM (started from
/// that split), and the threshold is the point between the two means where the high component becomes the more likely
/// one. If there are too few videos (&lt; <see cref="MinVideos"/>), or no second mode (Ashman's D &lt; 2 or fewer than
/// <see cref="MinHighPairs"/> pairs expected in it), the calibrated default is used. The result is clamped to
/// [default - 0.10, default + 0.15] so that a strange run cannot pick an absurd threshold.
/// </para>
/// </summary>
public static class AutoThreshold
{
    public const int MinVideos = 10;
    public const double MinHighPairs = 2;
    public const float BelowDefault = 0.10f;
    public const float AboveDefault = 0.15f;

    public static (float Low, float High) ClampRange(float defaultThreshold) =>
        (Math.Max(-1f, defaultThreshold - BelowDefault), Math.Min(1f, defaultThreshold + AboveDefault));

    public static ThresholdChoice Choose(SimilarityHistogram histogram, int videoCount, float defaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var fallback = string.Create(CultureInfo.InvariantCulture, $"default {defaultThreshold:0.00}");
        if (videoCount < MinVideos)
            return new ThresholdChoice(defaultThreshold, string.Create(CultureInfo.InvariantCulture, $"{fallback} (auto: only {videoCount} videos with faces, need {MinVideos})"));

        var total = histogram.Total;
        var otsuBin = Otsu(histogram.Counts);
        if (otsuBin < 0)
            return new ThresholdChoice(defaultThreshold, $"{fallback} (auto: similarities have no spread)");
        var otsu = (float)histogram.BinStart(otsuBin);

        var fit = FitMixture(histogram, otsuBin);
        if (fit is null)
            return new ThresholdChoice(defaultThreshold, $"{fallback} (auto: mixture fit failed)");
        var (w1, m1, s1, w2, m2, s2) = fit.Value;
        var ashman = Math.Sqrt(2) * Math.Abs(m2 - m1) / Math.Sqrt(s1 * s1 + s2 * s2);
        if (ashman < 2 || w2 * total < MinHighPairs || m2 <= m1)
            return new ThresholdChoice(defaultThreshold, string.Create(CultureInfo.InvariantCulture,
                $"{fallback} (auto: no separate same-person mode, Ashman D {ashman:0.0})"));

        string method;
        float raw;
        var crossing = Crossing(w1, m1, s1, w2, m2, s2);
        if (crossing is { } c)
        {
            method = "gmm";
            raw = (float)c;
        }
        else
        {
            method = "otsu";
            raw = otsu;
        }

        var (lo, hi) = ClampRange(defaultThreshold);
        var value = Math.Clamp(raw, lo, hi);
        var source = value == raw
            ? string.Create(CultureInfo.InvariantCulture, $"auto: {method} {value:0.00}")
            : string.Create(CultureInfo.InvariantCulture, $"auto: {method} {raw:0.00} clamped to {value:0.00}");
        return new ThresholdChoice(value, source);
    }

    /// <summary>Otsu's threshold bin (values in bins &gt;= result are the high class), or -1 if the histogram has one occupied bin or none.</summary>
    internal static int Otsu(long[] counts)
    {
        double total = 0, sumAll = 0;
        var occupied = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            total += counts[i];
            sumAll += i * (double)counts[i];
            if (counts[i] > 0) occupied++;
        }
        if (occupied < 2) return -1;
        double wB = 0, sumB = 0, best = -1;
        var bestBin = -1;
        for (var t = 1; t < counts.Length; t++)
        {
            wB += counts[t - 1];
            sumB += (t - 1) * (double)counts[t - 1];
            var wF = total - wB;
            if (wB == 0 || wF == 0) continue;
            var mB = sumB / wB;
            var mF = (sumAll - sumB) / wF;
            var between = wB * wF * (mB - mF) * (mB - mF);
            if (between > best)
            {
                best = between;
                bestBin = t;
            }
        }
        return bestBin;
    }

    private static (double W1, double M1, double S1, double W2, double M2, double S2)? FitMixture(SimilarityHistogram h, int splitBin)
    {
        var counts = h.Counts;
        double total = h.Total;
        var minVar = h.BinWidth * h.BinWidth;
        double n1 = 0, s1 = 0, q1 = 0, n2 = 0, s2 = 0, q2 = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var x = h.BinCenter(i);
            if (i < splitBin) { n1 += counts[i]; s1 += counts[i] * x; q1 += counts[i] * x * x; }
            else { n2 += counts[i]; s2 += counts[i] * x; q2 += counts[i] * x * x; }
        }
        if (n1 == 0 || n2 == 0) return null;
        double m1 = s1 / n1, m2 = s2 / n2;
        double v1 = Math.Max(minVar, q1 / n1 - m1 * m1), v2 = Math.Max(minVar, q2 / n2 - m2 * m2);
        double w1 = n1 / total, w2 = n2 / total;

        for (var iter = 0; iter < 300; iter++)
        {
            double r1n = 0, r1s = 0, r1q = 0, r2n = 0, r2s = 0, r2q = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] == 0) continue;
                var x = h.BinCenter(i);
                var p1 = w1 * Normal(x, m1, v1);
                var p2 = w2 * Normal(x, m2, v2);
                var sum = p1 + p2;
                var g1 = sum > 0 ? p1 / sum : (Math.Abs(x - m1) <= Math.Abs(x - m2) ? 1 : 0);
                var c1 = counts[i] * g1;
                var c2 = counts[i] - c1;
                r1n += c1; r1s += c1 * x; r1q += c1 * x * x;
                r2n += c2; r2s += c2 * x; r2q += c2 * x * x;
            }
            if (r1n <= 0 || r2n <= 0) return null;
            var nm1 = r1s / r1n;
            var nm2 = r2s / r2n;
            var nv1 = Math.Max(minVar, r1q / r1n - nm1 * nm1);
            var nv2 = Math.Max(minVar, r2q / r2n - nm2 * nm2);
            var change = Math.Abs(nm1 - m1) + Math.Abs(nm2 - m2) + Math.Abs(r1n / total - w1);
            (m1, m2, v1, v2, w1, w2) = (nm1, nm2, nv1, nv2, r1n / total, r2n / total);
            if (change < 1e-7) break;
        }
        if (m1 > m2) (w1, m1, v1, w2, m2, v2) = (w2, m2, v2, w1, m1, v1);
        return (w1, m1, Math.Sqrt(v1), w2, m2, Math.Sqrt(v2));
    }

    /// <summary>First x between the means where the high component's posterior reaches 1/2.</summary>
    private static double? Crossing(double w1, double m1, double s1, double w2, double m2, double s2)
    {
        for (var x = m1; x <= m2; x += 0.001)
        {
            if (w2 * Normal(x, m2, s2 * s2) >= w1 * Normal(x, m1, s1 * s1)) return x;
        }
        return null;
    }

    private static double Normal(double x, double mean, double variance) =>
        Math.Exp(-(x - mean) * (x - mean) / (2 * variance)) / Math.Sqrt(2 * Math.PI * variance);
}
