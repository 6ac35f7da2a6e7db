namespace AdsRecommender.Core.Media;

/// <summary>Decode-and-downscale cost of a video's sampled frames, without detection or embedding (the baseline for the face stage).</summary>
public sealed record DecodeMeasurement(int FramesSampled, int Width, int Height, double DecodeMs);
