namespace AdsRecommender.Core.Media;

/// <summary>A video could not be decoded (not a video, truncated, no frames) or was refused; the message is the recorded reason.</summary>
public sealed class VideoDecodeException(string reason) : Exception(reason);
