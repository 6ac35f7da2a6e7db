namespace AdsRecommender.Core.Faces;

/// <summary>
/// Whether a face other than a video's most prominent one is part of the ad's cast (docs/CALIBRATION.md, "Cast, not
/// background" and "Cast evidence on its own"). Either relative to the main face: large enough, confidently detected,
/// sharp enough and long enough on screen, each as a share of the main face (<see cref="FaceSamplingOptions.CastMinSizeRatio"/> ...);
/// or on its own, by what the face is whatever else the video shows: its own height in the frame, detection score,
/// sharpness and sampled frames (<see cref="FaceSamplingOptions.CastOwnMinFaceHeight"/> ...), so each member of an edited
/// ad's cast, in a short shot of their own, counts. Faces with neither are background, attached to nobody.
/// </summary>
public static class CastEvidence
{
    public static bool Passes(DetectedPerson face, DetectedPerson main, FaceSamplingOptions o) => Relative(face, main, o) || OnItsOwn(face, o);

    /// <summary>Every measure at or above its share of the main face's.</summary>
    public static bool Relative(DetectedPerson face, DetectedPerson main, FaceSamplingOptions o) =>
        face.MeanFaceSize >= o.CastMinSizeRatio * main.MeanFaceSize
        && face.MeanScore >= o.CastMinScore
        && face.Sharpness >= o.CastMinSharpnessRatio * main.Sharpness
        && face.FrameCount >= o.CastMinScreenTimeRatio * main.FrameCount;

    /// <summary>Every measure of the face itself at or above its bound; never when <see cref="FaceSamplingOptions.CastOwnMinFaceHeight"/> is 0 (off).</summary>
    public static bool OnItsOwn(DetectedPerson face, FaceSamplingOptions o) =>
        o.CastOwnMinFaceHeight > 0
        && face.MeanFaceSize >= o.CastOwnMinFaceHeight
        && face.MeanScore >= o.CastOwnMinScore
        && face.Sharpness >= o.CastOwnMinSharpness
        && face.FrameCount >= o.CastOwnMinFrames;
}
