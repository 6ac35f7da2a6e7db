namespace AdsRecommender.Core.Pipeline;

/// <summary>A failure worth retrying (connection reset, timeout, HTTP 5xx/429). Thrown out of the activity so the retry policy applies.</summary>
public sealed class TransientVideoException(string reason, Exception? inner = null) : Exception(reason, inner);
