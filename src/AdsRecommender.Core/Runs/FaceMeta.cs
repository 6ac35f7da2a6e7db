namespace AdsRecommender.Core.Runs;

/// <summary>
/// One person found in a video (row <paramref name="Row"/> of the faces matrix). <paramref name="Sharpness"/>: variance of
/// the Laplacian of the person's best aligned crop (the low-quality pair gate reads it); null in faces.json written before
/// it was stored, and such a face counts as sharp.
/// </summary>
public sealed record FaceMeta(int Row, int TrackId, double Prominence, int FrameCount, double MeanFaceSize, float MeanScore, string? Thumbnail,
    double? Sharpness = null);
