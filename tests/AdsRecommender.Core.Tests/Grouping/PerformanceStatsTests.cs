using AdsRecommender.Core.Grouping;

namespace AdsRecommender.Core.Tests.Grouping;

public sealed class PerformanceStatsTests
{
    [Fact]
    public void Five_values_have_the_textbook_mean_median_sd_and_t_interval()
    {
        var s = PerformanceStats.Compute([5, 1, 4, 2, 3], overallMean: 2.0);
        Assert.Equal(5, s.N);
        Assert.Equal(3.0, s.Mean);
        Assert.Equal(3.0, s.Median);
        Assert.Equal(1.5811388, s.StandardDeviation, 1e-6);
        // t(0.975, 4) = 2.776 -> half width 2.776 * 1.5811 / sqrt(5) = 1.9629
        Assert.Equal(3 - 1.96293, s.CiLow, 1e-4);
        Assert.Equal(3 + 1.96293, s.CiHigh, 1e-4);
        Assert.Equal(1.5, s.Lift!.Value, 1e-12);
        Assert.Equal(1.0, s.Difference, 1e-12);
        Assert.False(s.LowEvidence);
    }

    [Fact]
    public void Small_groups_are_low_evidence_and_single_values_have_no_interval()
    {
        var one = PerformanceStats.Compute([4], 2);
        Assert.True(one.LowEvidence);
        Assert.True(double.IsNaN(one.CiLow));
        Assert.True(double.IsNaN(one.StandardDeviation));
        var two = PerformanceStats.Compute([1, 2], 2);
        Assert.True(two.LowEvidence);
        Assert.Equal(1.5, two.Median);
        Assert.Equal(1.5 - 12.706 * Math.Sqrt(0.5) / Math.Sqrt(2), two.CiLow, 1e-9);
    }

    [Fact]
    public void Lift_is_absent_when_the_overall_mean_is_zero() =>
        Assert.Null(PerformanceStats.Compute([1, 2, 3], 0).Lift);

    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(10, 2.228)]
    [InlineData(35, 2.030)]
    [InlineData(45, 2.014)]
    [InlineData(200, 1.972)]
    [InlineData(100000, 1.960)]
    public void Student_t_quantiles_match_published_tables(int df, double t) =>
        Assert.Equal(t, StudentT.Quantile975(df), 0.002);
}
