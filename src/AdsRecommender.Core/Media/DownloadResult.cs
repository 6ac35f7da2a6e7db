namespace AdsRecommender.Core.Media;

/// <summary>A finished download: size, the server's content type, lower-case hex SHA-256 of the bytes.</summary>
public sealed record DownloadResult(long Bytes, string? ContentType, string Sha256)
{
    /// <summary>What the first bytes say the file is ("MP4/MOV", "WebM/Matroska", ...).</summary>
    public string? Format { get; init; }

    /// <summary>The URL the bytes came from, after redirects.</summary>
    public Uri? FinalUrl { get; init; }
}
