namespace AdsRecommender.Core.Tests.Grouping;

/// <summary>
/// Student's t quantile by numerical integration, a method independent of the product's table: with x = sqrt(df) tan(u)
/// the density becomes proportional to cos(u)^(df-1) on [0, pi/2), so P(|T| &lt; t) is the share of that integral
/// below atan(t / sqrt(df)).
/// </summary>
internal static class TDistribution
{
    public static double Quantile975(int df)
    {
        const int steps = 400_000;
        var h = Math.PI / 2 / steps;
        var cumulative = new double[steps + 1];
        double Kernel(double u) => df == 1 ? 1 : Math.Exp((df - 1) * Math.Log(Math.Cos(u)));
        for (var i = 1; i <= steps; i++) // trapezoids
            cumulative[i] = cumulative[i - 1] + h * (Kernel((i - 1) * h) + Kernel(Math.Min(i * h, Math.PI / 2))) / 2;
        var target = 0.95 * cumulative[steps];
        var k = Array.FindIndex(cumulative, c => c >= target);
        var u = (k - 1 + (target - cumulative[k - 1]) / (cumulative[k] - cumulative[k - 1])) * h;
        return Math.Sqrt(df) * Math.Tan(u);
    }
}
