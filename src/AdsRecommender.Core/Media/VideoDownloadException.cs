namespace AdsRecommender.Core.Media;

/// <summary>A download that failed; <see cref="Exception.Message"/> is the short reason recorded for the video.</summary>
public sealed class VideoDownloadException(string reason, Exception? inner = null) : Exception(reason, inner)
{
    public string Reason => Message;

    /// <summary>Whether trying again later could help (5xx, 429, 408, connection reset, connect timeout): the durable retry policy tries again.</summary>
    public bool IsTransient { get; init; }

    /// <summary>Refused by the URL/address policy (never retried).</summary>
    public bool IsRefused { get; init; }
}
