using System.Collections.Concurrent;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>
/// The real downloaders, except that the first attempt for each URL in <see cref="FailFirst"/> throws a connection error
/// (as a dropped connection would), so the orchestration's retry policy has to run the activity again.
/// </summary>
public sealed class FlakyDownloaderFactory(IDownloaderFactory inner) : IDownloaderFactory
{
    public ConcurrentDictionary<Uri, int> Attempts { get; } = new();
    public HashSet<Uri> FailFirst { get; } = [];

    public IVideoDownloader Get(RunOptions options) => new Flaky(this, inner.Get(options));

    private sealed class Flaky(FlakyDownloaderFactory owner, IVideoDownloader real) : IVideoDownloader
    {
        public Task<DownloadResult> DownloadAsync(Uri url, string destinationPath, CancellationToken ct = default)
        {
            var attempt = owner.Attempts.AddOrUpdate(url, 1, (_, n) => n + 1);
            if (attempt == 1 && owner.FailFirst.Contains(url))
                throw new HttpRequestException("connection reset by peer (injected)");
            return real.DownloadAsync(url, destinationPath, ct);
        }
    }
}
