namespace AdsRecommender.Core.Media;

/// <summary>Downloads one video to a local file. Failures throw <see cref="VideoDownloadException"/> with a short reason.</summary>
public interface IVideoDownloader
{
    Task<DownloadResult> DownloadAsync(Uri url, string destinationPath, CancellationToken ct = default);
}
