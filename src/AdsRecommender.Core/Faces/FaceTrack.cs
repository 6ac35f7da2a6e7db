namespace AdsRecommender.Core.Faces;

/// <summary>One person's observations across a video and their L2-normalised (score-weighted) mean embedding.</summary>
public sealed record FaceTrack(int Id, IReadOnlyList<FaceObservation> Observations, float[] MeanEmbedding)
{
    public int FrameCount => Observations.Select(o => o.Ordinal).Distinct().Count();
}
