namespace AdsRecommender.Core.Media;

/// <summary>The decoder's programs (FFmpeg's <c>ffmpeg</c>, <c>ffprobe</c>) are not installed: the machine's fault, not the video's.</summary>
public sealed class DecoderMissingException(string message) : Exception(message);
