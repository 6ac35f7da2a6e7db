namespace AdsRecommender.Core.Runs;

/// <summary>One person found in a video (row <paramref name="Row"/> of the faces matrix).</summary>
public sealed record FaceMeta(int Row, int TrackId, double Prominence, int FrameCount, double MeanFaceSize, float MeanScore, string? Thumbnail);
