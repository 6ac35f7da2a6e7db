namespace AdsRecommender.Core.Faces;

/// <summary>Cosine-similarity thresholds for the default recogniser (128-d MobileFaceNet, no flip augmentation).</summary>
public static class Thresholds
{
    /// <summary>
    /// Two faces with cosine similarity at or above this are taken as the same person. The scripted procedure
    /// (<c>adsrec calibrate</c>, <see cref="Calibration.ThresholdCalibration"/>) gives 0.45 on the protocol's calibration
    /// split; on the validation split 0.40 (with the earlier weak-face constants) found more true pairs and no more false
    /// ones, so the default was chosen on validation between those two candidates (docs/CALIBRATION.md).
    /// Another recogniser needs its own threshold: run <c>adsrec calibrate</c>.
    /// </summary>
    public const float DefaultCosine = 0.40f;

    /// <summary>
    /// Cosine two embedded observations of one overlap-linked tracklet need to stay one tracklet (a within-video decision,
    /// kept apart from <see cref="DefaultCosine"/> so a change of the grouping threshold does not move it).
    /// </summary>
    public const float TrackLinkCosine = 0.40f;

    /// <summary>
    /// Within one video a face re-appearing (after a cut, or as a split track) joins an earlier track at or above this;
    /// stricter than <see cref="DefaultCosine"/> because merging two people of one video cannot be undone later.
    /// </summary>
    public const float SameVideoCosine = 0.50f;
}
