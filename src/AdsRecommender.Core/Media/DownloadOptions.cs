using System.Net;

namespace AdsRecommender.Core.Media;

/// <summary>
/// Limits and the address policy of <see cref="VideoDownloader"/>. See docs/HOSTILE_INPUT.md. No retry setting: the
/// downloader makes one attempt per call and the run's durable retry policy (<c>RunOptions.MaxAttempts</c>) is the one
/// retry layer.
/// </summary>
public sealed class DownloadOptions
{
    public const long MiB = 1024 * 1024;

    /// <summary>Largest video accepted; refused early when Content-Length says more, else when the stream passes it.</summary>
    public long MaxBytes { get; set; } = 200 * MiB;

    /// <summary>Total time for one download (one attempt), redirects included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest wait for the next bytes (headers or body) before giving up: defeats slow trickles.</summary>
    public TimeSpan ReadIdleTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Time to open a connection. This and the other constants here are set nowhere else (no configuration, no run option).</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Allow loopback, private, link-local and other non-public addresses (CLI: --allow-private-network).</summary>
    public bool AllowPrivateNetwork { get; set; }

    /// <summary>
    /// Exact non-public endpoints (address and port) allowed even when <see cref="AllowPrivateNetwork"/> is false:
    /// lets a test allow one 127.0.0.1 server and still see another port refused.
    /// </summary>
    public IList<IPEndPoint> AllowedPrivateEndpoints { get; set; } = [];

    /// <summary>When not empty, only these hosts (exact, or "*.example.com" for subdomains) may be contacted, on every hop.</summary>
    public IList<string> AllowedHosts { get; set; } = [];

    public const int MaxRedirects = 5;

    public const string UserAgent = "AdsRecommender/1.0";
}
