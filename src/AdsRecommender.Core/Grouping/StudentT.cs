namespace AdsRecommender.Core.Grouping;

/// <summary>Two-sided 95% quantiles of Student's t distribution (table, interpolated in 1/df; exact to 3 decimals).</summary>
public static class StudentT
{
    private static readonly (int Df, double T)[] Table =
    [
        (1, 12.706), (2, 4.303), (3, 3.182), (4, 2.776), (5, 2.571), (6, 2.447), (7, 2.365), (8, 2.306), (9, 2.262),
        (10, 2.228), (11, 2.201), (12, 2.179), (13, 2.160), (14, 2.145), (15, 2.131), (16, 2.120), (17, 2.110),
        (18, 2.101), (19, 2.093), (20, 2.086), (21, 2.080), (22, 2.074), (23, 2.069), (24, 2.064), (25, 2.060),
        (26, 2.056), (27, 2.052), (28, 2.048), (29, 2.045), (30, 2.042), (40, 2.021), (50, 2.009), (60, 2.000),
        (80, 1.990), (100, 1.984), (120, 1.980), (1000, 1.962),
    ];

    /// <summary>t such that P(-t &lt; T &lt; t) = 0.95 for <paramref name="degreesOfFreedom"/> &gt;= 1.</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom >= 1000) return 1.960 + (1.962 - 1.960) * 1000.0 / degreesOfFreedom;
        for (var i = 0; i < Table.Length; i++)
        {
            if (Table[i].Df == degreesOfFreedom) return Table[i].T;
            if (Table[i].Df > degreesOfFreedom)
            {
                var (d0, t0) = Table[i - 1];
                var (d1, t1) = Table[i];
                var f = (1.0 / degreesOfFreedom - 1.0 / d0) / (1.0 / d1 - 1.0 / d0);
                return t0 + f * (t1 - t0);
            }
        }
        return 1.960;
    }
}
