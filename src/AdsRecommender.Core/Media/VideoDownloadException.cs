namespace AdsRecommender.Core.Media;

/// <summary>A download that failed; <see cref="Exception.Message"/> is the short reason recorded for the video.</summary>
public sealed class VideoDownloadException(string reason, Exception? inner = null) : Exception(reason, inner)
{
    public string Reason => Message;

    /// <summary>Whether trying again later could help (5xx, 429, 408, connection reset).</summary>
    public bool IsTransient { get; init; }

    /// <summary>Refused by the URL/address policy (never retried).</summary>
    public bool IsRefused { get; init; }

    /// <summary>The server's Retry-After, when it sent one with a transient status.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
