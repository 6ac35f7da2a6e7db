using AdsRecommender.Core.Media;

namespace AdsRecommender.Core.Pipeline;

/// <summary>Gives the downloader for a run's network policy (private network allowed or not, allowed endpoints).</summary>
public interface IDownloaderFactory
{
    IVideoDownloader Get(RunOptions options);
}
