using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.Core.Faces;

/// <summary>The people found in a video, most prominent first (empty when no face was seen).</summary>
public sealed record VideoFaces(IReadOnlyList<DetectedPerson> People, int FramesSampled, StageTimings Timings);
