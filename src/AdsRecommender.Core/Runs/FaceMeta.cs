namespace AdsRecommender.Core.Runs;

/// <summary>
/// One person found in a video (row <paramref name="Row"/> of the faces matrix). <paramref name="Sharpness"/>: variance of
/// the Laplacian of the person's best aligned crop (the low-quality pair gate reads it); null in faces.json written before
/// it was stored, and such a face counts as sharp.
/// </summary>
public sealed record FaceMeta(int Row, int TrackId, double Prominence, int FrameCount, double MeanFaceSize, float MeanScore, string? Thumbnail,
    double? Sharpness = null)
{
    /// <summary>
    /// The row a background face (faces.json's <c>Background</c>, <see cref="Row"/> -1) is stored under (its thumbnail) and
    /// grouping names it by when it recurs: after the <paramref name="castFaces"/> cast faces, at its <paramref name="place"/>
    /// in the background list.
    /// </summary>
    public static int BackgroundRow(int castFaces, int place) => castFaces + place;
}
