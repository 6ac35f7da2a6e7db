namespace AdsRecommender.Core.Faces;

/// <summary>
/// One person seen in a video. <see cref="Embedding"/> is the L2-normalised mean of the person's face embeddings;
/// <see cref="Prominence"/> = share of sampled frames showing the face x mean face height / frame height x mean score;
/// <see cref="MeanFaceSize"/> is the mean face height relative to the frame height; <see cref="ThumbnailJpeg"/> a 96x96 aligned crop.
/// </summary>
public sealed record DetectedPerson(int TrackId, float[] Embedding, double Prominence, int FrameCount, double MeanFaceSize, float MeanScore, byte[]? ThumbnailJpeg)
{
    /// <summary>
    /// L2-normalised embedding of the person's best crop (the thumbnail's) shrunk and blurred (<see cref="FaceModelOptions.DegradedEmbedding"/>);
    /// null when turned off. Used only as a reference for tiny blurred faces (docs/CALIBRATION.md, "Weak faces").
    /// </summary>
    public float[]? DegradedEmbedding { get; init; }

    /// <summary>Variance of the Laplacian of the best crop (aligned, grey): low for blurred faces. One of the cast-evidence measures.</summary>
    public double Sharpness { get; init; }
}
