using System.Text;

namespace AdsRecommender.Core.Ingest;

/// <summary>Finds the two input columns in a header, tolerant of case, spaces, BOM, '_' and '-'.</summary>
internal static class AdColumns
{
    public const string Performance = "Performance";
    public const string VideoUrl = "Video URL";

    public static string Key(string? header)
    {
        var sb = new StringBuilder(header?.Length ?? 0);
        foreach (var c in header ?? "")
        {
            if (c is '\uFEFF' or ' ' or '_' or '-' or '.' or '"' or '\'' || char.IsWhiteSpace(c)) continue;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public static bool IsPerformance(string? header) => Key(header) == "performance";

    public static bool IsVideoUrl(string? header) => Key(header) == "videourl";

    /// <summary>Both columns present when the header line is split by <paramref name="separator"/> (quotes ignored).</summary>
    public static bool HeaderHasBoth(string headerLine, char separator)
    {
        var parts = headerLine.Split(separator);
        return parts.Any(IsPerformance) && parts.Any(IsVideoUrl);
    }

    /// <summary>',' when it gives both columns; otherwise ';', tab or '|' when one of them does; else ','.</summary>
    public static char DetectSeparator(string headerLine)
    {
        if (HeaderHasBoth(headerLine, ',')) return ',';
        foreach (var sep in new[] { ';', '\t', '|' })
            if (headerLine.Contains(sep) && HeaderHasBoth(headerLine, sep)) return sep;
        return ',';
    }
}
