namespace AdsRecommender.Core.Ingest;

/// <summary>The key under which rows point at the same video, so the pipeline downloads each URL once.</summary>
public static class AdRowGrouping
{
    /// <summary>
    /// Scheme and host lower-cased, default port dropped, fragment and user info dropped; path and query kept as
    /// written (servers may treat them case-sensitively). Percent-encoding is normalised by <see cref="Uri"/>.
    /// </summary>
    public static string NormalizeUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri) throw new ArgumentException("URL must be absolute.", nameof(url));
        return url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
    }
}
