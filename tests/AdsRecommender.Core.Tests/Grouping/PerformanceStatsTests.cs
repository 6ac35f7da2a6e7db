using AdsRecommender.Core.Grouping;

namespace AdsRecommender.Core.Tests.Grouping;

/// <summary>Expected values by hand and, for Student's t, by integrating its density (<see cref="TDistribution"/>), not from the product's table.</summary>
public sealed class PerformanceStatsTests
{
    [Fact]
    public void Five_values_have_the_textbook_mean_median_sd_and_t_interval()
    {
        var s = PerformanceStats.Compute([5, 1, 4, 2, 3], overallMean: 2.0);
        Assert.Equal(5, s.N);
        Assert.Equal(3.0, s.Mean);
        Assert.Equal(3.0, s.Median);
        // squared deviations 4+1+0+1+4 = 10, / (5-1) = 2.5
        Assert.Equal(Math.Sqrt(2.5), s.StandardDeviation, 1e-12);
        var half = TDistribution.Quantile975(4) * Math.Sqrt(2.5) / Math.Sqrt(5);
        Assert.Equal(3 - half, s.CiLow, 1e-3);
        Assert.Equal(3 + half, s.CiHigh, 1e-3);
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
        // t(0.975, 1) = tan(0.95 * pi / 2) exactly (Cauchy); sd sqrt(0.5), n 2
        Assert.Equal(1.5 - Math.Tan(0.95 * Math.PI / 2) * Math.Sqrt(0.5) / Math.Sqrt(2), two.CiLow, 1e-3);
        var three = PerformanceStats.Compute([2, 9, 4], 2);
        Assert.False(three.LowEvidence);
        Assert.Equal(4, three.Median);
    }

    [Fact]
    public void Lift_is_absent_when_the_overall_mean_is_zero() =>
        Assert.Null(PerformanceStats.Compute([1, 2, 3], 0).Lift);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(33)]
    [InlineData(35)]
    [InlineData(45)]
    [InlineData(70)]
    [InlineData(110)]
    [InlineData(200)]
    [InlineData(500)]
    [InlineData(5000)]
    [InlineData(100000)]
    public void Student_t_quantiles_are_exact_to_three_decimals(int df) =>
        Assert.Equal(TDistribution.Quantile975(df), StudentT.Quantile975(df), 0.0006);

    [Fact]
    public void The_independent_t_quantile_matches_published_values()
    {
        // a check of the test's own method against printed tables (Fisher & Yates; NIST/SEMATECH e-Handbook 1.3.6.7.2)
        Assert.Equal(12.706, TDistribution.Quantile975(1), 0.0005);
        Assert.Equal(2.776, TDistribution.Quantile975(4), 0.0005);
        Assert.Equal(2.228, TDistribution.Quantile975(10), 0.0005);
        Assert.Equal(1.984, TDistribution.Quantile975(100), 0.0005);
        Assert.Equal(1.960, TDistribution.Quantile975(1_000_000), 0.0005);
    }
}
