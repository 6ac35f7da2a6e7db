namespace AdsRecommender.Core.Ingest;

/// <summary>Groups rows that point at the same video, so the pipeline downloads each URL once.</summary>
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

    /// <summary>Groups in order of first appearance; rows inside a group keep file order.</summary>
    public static IReadOnlyList<UrlGroup> ByNormalizedUrl(IEnumerable<AdRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var order = new List<string>();
        var map = new Dictionary<string, List<AdRow>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = NormalizeUrl(row.Url);
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
                order.Add(key);
            }
            list.Add(row);
        }
        return order.Select(k => new UrlGroup(k, map[k])).ToList();
    }
}
