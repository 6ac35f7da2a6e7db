using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// The people found in a video, most prominent first (empty when no face was seen): the main face and the faces with cast
/// evidence, relative to the main face or on its own (<see cref="CastEvidence"/>). Faces without it are in <see cref="Background"/>.
/// </summary>
public sealed record VideoFaces(IReadOnlyList<DetectedPerson> People, int FramesSampled, StageTimings Timings)
{
    /// <summary>Faces seen but without cast evidence (small, blurred, briefly or weakly detected): reported, never grouped.</summary>
    public IReadOnlyList<DetectedPerson> Background { get; init; } = [];

    /// <summary>Sampled frames run through the detector (the others were still frames whose detections were reused).</summary>
    public int FramesDetected { get; init; }

    /// <summary>Of <see cref="FramesDetected"/>, those detected at the full detection size (the others by a coarse pass).</summary>
    public int FramesDetectedFull { get; init; }

    /// <summary>Face crops run through the recogniser.</summary>
    public int FacesEmbedded { get; init; }
}
