namespace AdsRecommender.Core.Faces;

/// <summary>Cosine-similarity thresholds for the default recogniser (128-d MobileFaceNet, no flip augmentation).</summary>
public static class Thresholds
{
    /// <summary>
    /// Two faces with cosine similarity at or above this are taken as the same person. What the scripted procedure
    /// (<c>adsrec calibrate</c>, <see cref="Calibration.ThresholdCalibration"/>) gives on the photos of the protocol's
    /// calibration identities alone (docs/CALIBRATION.md, "Default threshold"): 35 identities, 175 photos; highest
    /// different-person similarity 0.435, 5th percentile of same-person 0.457, 3/4 of the way across: 0.452 -> 0.45.
    /// Another recogniser needs its own threshold.
    /// </summary>
    public const float DefaultCosine = 0.45f;

    /// <summary>
    /// Cosine two embedded observations of one overlap-linked tracklet need to stay one tracklet: the earlier default
    /// threshold, kept when the grouping threshold moved (a tracklet split is a within-video decision, not re-calibrated).
    /// </summary>
    public const float TrackLinkCosine = 0.40f;

    /// <summary>
    /// Within one video a face re-appearing (after a cut, or as a split track) joins an earlier track at or above this;
    /// stricter than <see cref="DefaultCosine"/> because merging two people of one video cannot be undone later.
    /// </summary>
    public const float SameVideoCosine = 0.50f;
}
