namespace AdsRecommender.Core.Faces;

/// <summary>Cosine-similarity thresholds for the default recogniser (128-d MobileFaceNet, no flip augmentation).</summary>
public static class Thresholds
{
    /// <summary>
    /// Two faces with cosine similarity at or above this are taken as the same person.
    /// Calibrated on ../shared/data photos (docs/CALIBRATION.md, ThresholdCalibrationTests): identities sorted by name,
    /// even positions calibrate, odd positions are held out. On the calibration half the highest different-person
    /// similarity was 0.261 and the 5th percentile of same-person similarities 0.442; the threshold sits 3/4 of the way
    /// across that gap (0.397, rounded to 0.40), towards precision, because merging two people is worse than missing a link.
    /// On the held-out identities it gives 0 false matches in 727 different-person pairs and 92/93 same-person pairs found.
    /// Another recogniser needs its own threshold.
    /// </summary>
    public const float DefaultCosine = 0.40f;

    /// <summary>
    /// Within one video a face re-appearing (after a cut, or as a split track) joins an earlier track at or above this;
    /// stricter than <see cref="DefaultCosine"/> because merging two people of one video cannot be undone later.
    /// </summary>
    public const float SameVideoCosine = 0.50f;
}
