using AdsRecommender.Core.Media;

namespace AdsRecommender.Core.Pipeline;

/// <summary>Gives the downloader for a run's network policy (private network allowed or not).</summary>
public interface IDownloaderFactory
{
    IVideoDownloader Get(bool allowPrivateNetwork);
}
