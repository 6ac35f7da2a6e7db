namespace AdsRecommender.Core.Faces;

/// <summary>Cosine-similarity thresholds for the default recogniser (128-d MobileFaceNet).</summary>
public static class Thresholds
{
    /// <summary>
    /// Two faces with cosine similarity at or above this are taken as the same person.
    /// PLACEHOLDER until calibrated (see docs/CALIBRATION.md).
    /// </summary>
    public const float DefaultCosine = 0.40f;

    /// <summary>Within one video (same lighting, same shot) a face re-appearing is joined to an earlier track at or above this.</summary>
    public const float SameVideoCosine = 0.45f;
}
