using System.Net;

namespace AdsRecommender.Core.Media;

/// <summary>Limits and the address policy of <see cref="VideoDownloader"/>. See docs/HOSTILE_INPUT.md.</summary>
public sealed class DownloadOptions
{
    public const long MiB = 1024 * 1024;

    /// <summary>Largest video accepted; refused early when Content-Length says more, else when the stream passes it.</summary>
    public long MaxBytes { get; set; } = 200 * MiB;

    /// <summary>Total time for one download, all attempts, redirects and backoff included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time for one attempt (one request chain); an attempt that runs out is retried. Null means <see cref="Timeout"/>.</summary>
    public TimeSpan? AttemptTimeout { get; set; }

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

    /// <summary>Extra attempts after a transient failure (5xx, 408, 429, connection reset).</summary>
    public int Retries { get; set; } = 2;

    /// <summary>First backoff delay; doubles per retry. A Retry-After header (capped at 10 s) takes precedence.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public const string UserAgent = "AdsRecommender/1.0";

    internal TimeSpan EffectiveAttemptTimeout => AttemptTimeout is { } t && t < Timeout ? t : Timeout;
}
