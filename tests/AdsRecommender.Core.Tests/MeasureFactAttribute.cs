namespace AdsRecommender.Core.Tests;

/// <summary>
/// A measurement behind docs/CALIBRATION.md, not a regression test: skipped unless <c>ADSREC_MEASURE=1</c> (several
/// minutes each). Split and variants come from <c>ADSREC_SPLIT</c> / <c>ADSREC_VARIANTS</c> where the test says so.
/// </summary>
public sealed class MeasureFactAttribute : FactAttribute
{
    public MeasureFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("ADSREC_MEASURE") != "1")
            Skip = "Measurement for docs/CALIBRATION.md; set ADSREC_MEASURE=1 to run.";
    }
}
