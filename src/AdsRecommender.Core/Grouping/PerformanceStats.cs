namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Performance of a set of videos: n, mean, median, sample standard deviation, 95% confidence interval of the mean
/// (Student's t; NaN bounds for n &lt; 2) and lift against <paramref name="OverallMean"/> (mean of all videos with performance).
/// <see cref="Lift"/> is mean / overall mean (null when the overall mean is 0); <see cref="Difference"/> is mean - overall mean.
/// Groups with fewer than <see cref="MinEvidence"/> videos are flagged <see cref="LowEvidence"/>.
/// </summary>
public sealed record PerformanceStats(
    int N,
    double Mean,
    double Median,
    double StandardDeviation,
    double CiLow,
    double CiHigh,
    double OverallMean)
{
    public const int MinEvidence = 3;

    public bool LowEvidence => N < MinEvidence;

    public double Difference => Mean - OverallMean;

    public double? Lift => OverallMean == 0 || double.IsNaN(OverallMean) ? null : Mean / OverallMean;

    public static PerformanceStats Compute(IEnumerable<double> values, double overallMean)
    {
        ArgumentNullException.ThrowIfNull(values);
        var v = values.Where(double.IsFinite).OrderBy(x => x).ToArray();
        var n = v.Length;
        if (n == 0) return new PerformanceStats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, overallMean);
        var mean = v.Average();
        var median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
        if (n < 2) return new PerformanceStats(n, mean, median, double.NaN, double.NaN, double.NaN, overallMean);
        var sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        var half = StudentT.Quantile975(n - 1) * sd / Math.Sqrt(n);
        return new PerformanceStats(n, mean, median, sd, mean - half, mean + half, overallMean);
    }
}
