using AdsRecommender.Core.Media;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Core.Pipeline;

/// <summary>Two long-lived <see cref="VideoDownloader"/>s (one per network policy), each owning its connection pool.</summary>
public sealed class DownloaderFactory : IDownloaderFactory, IDisposable
{
    private readonly Lazy<VideoDownloader> _public;
    private readonly Lazy<VideoDownloader> _private;

    public DownloaderFactory(DownloadOptions options, ILoggerFactory? loggerFactory = null)
    {
        _public = new(() => new VideoDownloader(Copy(options, false), loggerFactory?.CreateLogger<VideoDownloader>()));
        _private = new(() => new VideoDownloader(Copy(options, true), loggerFactory?.CreateLogger<VideoDownloader>()));
    }

    public IVideoDownloader Get(bool allowPrivateNetwork) => allowPrivateNetwork ? _private.Value : _public.Value;

    private static DownloadOptions Copy(DownloadOptions o, bool allowPrivate) => new()
    {
        MaxBytes = o.MaxBytes,
        Timeout = o.Timeout,
        ReadIdleTimeout = o.ReadIdleTimeout,
        AllowPrivateNetwork = allowPrivate || o.AllowPrivateNetwork,
        MaxRedirects = o.MaxRedirects,
        Retries = o.Retries,
    };

    public void Dispose()
    {
        if (_public.IsValueCreated) (_public.Value as IDisposable)?.Dispose();
        if (_private.IsValueCreated) (_private.Value as IDisposable)?.Dispose();
    }
}
