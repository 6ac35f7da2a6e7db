using System.Globalization;

namespace AdsRecommender.Core.Ingest;

/// <summary>Names derived from a row: never from the URL or other user text, so they cannot escape a folder.</summary>
public static class VideoNames
{
    public static string IdFor(int rowIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowIndex);
        return string.Create(CultureInfo.InvariantCulture, $"video({rowIndex})");
    }

    /// <summary>The row index of a video id made by <see cref="IdFor"/>, or null for anything else.</summary>
    public static int? TryParseIndex(string videoId) =>
        videoId.StartsWith("video(", StringComparison.Ordinal) && videoId.EndsWith(')')
        && int.TryParse(videoId.AsSpan(6, videoId.Length - 7), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;

    /// <summary>File name of the downloaded video, from row index and performance: <c>video(3)_perf_0.42.mp4</c>.</summary>
    public static string FileNameFor(AdRow row) =>
        string.Create(CultureInfo.InvariantCulture, $"{row.VideoId}_perf_{row.Performance:0.######}.mp4");
}
