using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.Core.Faces;

/// <summary>The people found in a video, most prominent first (empty when no face was seen).</summary>
public sealed record VideoFaces(IReadOnlyList<DetectedPerson> People, int FramesSampled, StageTimings Timings)
{
    /// <summary>Sampled frames run through the detector (the others were still frames whose detections were reused).</summary>
    public int FramesDetected { get; init; }

    /// <summary>Of <see cref="FramesDetected"/>, those detected at the full detection size (the others by a coarse pass).</summary>
    public int FramesDetectedFull { get; init; }

    /// <summary>Face crops run through the recogniser.</summary>
    public int FacesEmbedded { get; init; }
}
