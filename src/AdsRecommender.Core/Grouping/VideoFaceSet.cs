namespace AdsRecommender.Core.Grouping;

/// <summary>
/// The vectors of one video with faces: <paramref name="Primary"/> is the most prominent face; <paramref name="Faces"/>
/// lists all recurring faces found in the video, starting with the primary (if empty, the primary alone is used).
/// A video with an empty <paramref name="Primary"/> is treated as having no face and never grouped.
/// </summary>
public sealed record VideoFaceSet(string VideoId, double Performance, float[] Primary, IReadOnlyList<float[]> Faces);
