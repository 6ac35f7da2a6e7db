namespace AdsRecommender.Core.Faces;

/// <summary>
/// One person's observations across a video, their L2-normalised (score-weighted) mean embedding and how many
/// observations were embedded to get it.
/// </summary>
public sealed record FaceTrack(int Id, IReadOnlyList<FaceObservation> Observations, float[] MeanEmbedding, int EmbeddedCount)
{
    public int FrameCount => Observations.Select(o => o.Ordinal).Distinct().Count();
}
