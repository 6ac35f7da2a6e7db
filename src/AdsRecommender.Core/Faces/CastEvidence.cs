namespace AdsRecommender.Core.Faces;

/// <summary>
/// Whether a face other than a video's most prominent one is part of the ad's cast (docs/CALIBRATION.md, "Cast, not
/// background"): large enough, confidently detected, sharp enough and long enough on screen, each relative to the main
/// face (<see cref="FaceSamplingOptions.CastMinSizeRatio"/> ...). Faces without it are background, attached to nobody.
/// </summary>
public static class CastEvidence
{
    public static bool Passes(DetectedPerson face, DetectedPerson main, FaceSamplingOptions o) =>
        face.MeanFaceSize >= o.CastMinSizeRatio * main.MeanFaceSize
        && face.MeanScore >= o.CastMinScore
        && face.Sharpness >= o.CastMinSharpnessRatio * main.Sharpness
        && face.FrameCount >= o.CastMinScreenTimeRatio * main.FrameCount;
}
