using System.Collections.Concurrent;
using System.Net;
using AdsRecommender.Core.Media;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Core.Pipeline;

/// <summary>Long-lived <see cref="VideoDownloader"/>s, one per network policy, each owning its connection pool.</summary>
public sealed class DownloaderFactory(DownloadOptions options, ILoggerFactory? loggerFactory = null) : IDownloaderFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<VideoDownloader>> _downloaders = new(StringComparer.Ordinal);

    public IVideoDownloader Get(RunOptions run)
    {
        var endpoints = (run.AllowedPrivateEndpoints ?? []).Order(StringComparer.Ordinal).ToList();
        var key = $"{run.AllowPrivateNetwork}|{string.Join(',', endpoints)}";
        return _downloaders.GetOrAdd(key, _ => new Lazy<VideoDownloader>(() =>
            new VideoDownloader(Copy(options, run.AllowPrivateNetwork, endpoints), loggerFactory?.CreateLogger<VideoDownloader>()))).Value;
    }

    private static DownloadOptions Copy(DownloadOptions o, bool allowPrivate, IReadOnlyList<string> endpoints) => new()
    {
        MaxBytes = o.MaxBytes,
        Timeout = o.Timeout,
        ReadIdleTimeout = o.ReadIdleTimeout,
        AllowPrivateNetwork = allowPrivate || o.AllowPrivateNetwork,
        AllowedPrivateEndpoints = [.. o.AllowedPrivateEndpoints, .. endpoints.Select(Parse)],
        AllowedHosts = [.. o.AllowedHosts],
    };

    private static IPEndPoint Parse(string endpoint) =>
        IPEndPoint.TryParse(endpoint, out var ep) && ep.Port != 0
            ? ep
            : throw new ArgumentException($"'{endpoint}' is not an address:port endpoint.", nameof(endpoint));

    public void Dispose()
    {
        foreach (var d in _downloaders.Values)
            if (d.IsValueCreated) d.Value.Dispose();
    }
}
