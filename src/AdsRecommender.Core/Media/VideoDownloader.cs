using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Core.Media;

/// <summary>
/// Downloads a video over http(s) defensively: URL/address policy on every hop and every resolved address
/// (<see cref="UrlPolicy"/>), manual redirects, size cap, total and idle timeouts, content sniffing, SHA-256 while
/// streaming, and an atomic move from a temp file next to the destination (a failed download leaves no file).
/// One request chain per call, no retry here: a transient failure comes back as <see cref="VideoDownloadException.IsTransient"/>
/// and the run's durable retry policy is the one retry layer (docs/HOSTILE_INPUT.md, "One retry layer").
/// Thread-safe: one instance can serve parallel downloads.
/// </summary>
public sealed class VideoDownloader : IVideoDownloader, IDisposable
{
    private readonly DownloadOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly DownloadFailures _failures;

    public VideoDownloader(DownloadOptions options, ILogger<VideoDownloader>? logger = null)
        : this(options, logger, Dns.GetHostAddressesAsync)
    {
    }

    /// <param name="resolve">Name resolution for the connect-time address check (a seam for tests).</param>
    internal VideoDownloader(DownloadOptions options, ILogger<VideoDownloader>? logger, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _failures = new DownloadFailures(options);
        Policy = new UrlPolicy(options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // each hop is checked against the policy before it is requested
            UseProxy = false, // a proxy would make the connect callback check the proxy, not the target
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = DownloadOptions.ConnectTimeout,
            ConnectCallback = new SafeConnector(Policy, resolve).ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public UrlPolicy Policy { get; }

    public async Task<DownloadResult> DownloadAsync(Uri url, string destinationPath, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        var destination = Path.GetFullPath(destinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);

        if (Policy.WhyRefused(url) is { } refused) throw new VideoDownloadException(refused) { IsRefused = true };

        using var total = CancellationTokenSource.CreateLinkedTokenSource(ct);
        total.CancelAfter(_options.Timeout);
        try
        {
            var result = await FollowAsync(url, destination, total.Token);
            _logger.LogInformation("Downloaded {Url}: {Bytes} bytes, {Format}", Shown(url), result.Bytes, result.Format);
            return result;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && total.IsCancellationRequested)
        {
            throw new VideoDownloadException($"timed out after {Units.Duration(_options.Timeout)}");
        }
        catch (VideoDownloadException e) when (e.IsTransient)
        {
            _logger.LogWarning("Download of {Url} failed, worth another attempt: {Reason}", Shown(url), e.Message);
            throw;
        }
    }

    /// <summary>Requests <paramref name="url"/>, following redirects (each hop checked by the policy), and saves the final body.</summary>
    private async Task<DownloadResult> FollowAsync(Uri url, string destination, CancellationToken totalToken)
    {
        var current = url;
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        for (var hop = 0; ; hop++)
        {
            if (Policy.WhyRefused(current) is { } refused) throw new VideoDownloadException(refused) { IsRefused = true };

            using var idle = CancellationTokenSource.CreateLinkedTokenSource(totalToken);
            using var request = Request(current);
            HttpResponseMessage response;
            idle.CancelAfter(_options.ReadIdleTimeout);
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token);
            }
            catch (Exception e) when (e is not VideoDownloadException)
            {
                throw _failures.Translate(e, current, idle, totalToken, bytesSoFar: null, expected: null);
            }

            using (response)
            {
                if (NextHop(response, current, hop, visited) is { } next)
                {
                    _logger.LogDebug("Redirect {Status} from {From} to {To}", (int)response.StatusCode, Shown(current), Shown(next));
                    current = next;
                    continue;
                }
                if (response.Content.Headers.ContentLength > _options.MaxBytes) throw _failures.TooLarge();
                return await new DownloadBody(_options, _failures).SaveAsync(response, current, destination, idle, totalToken);
            }
        }
    }

    private static HttpRequestMessage Request(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(DownloadOptions.UserAgent);
        request.Headers.Accept.ParseAdd("video/*, application/octet-stream;q=0.9, */*;q=0.1");
        request.Headers.AcceptEncoding.ParseAdd("identity");
        return request;
    }

    /// <summary>The redirect target of a 3xx answer; null for a 2xx; throws for any other status, a loop or too many hops.</summary>
    private static Uri? NextHop(HttpResponseMessage response, Uri current, int hop, HashSet<string> visited)
    {
        var status = (int)response.StatusCode;
        if (status is 301 or 302 or 303 or 307 or 308)
        {
            var location = response.Headers.Location
                ?? throw new VideoDownloadException($"HTTP {status} {DownloadFailures.Phrase(response)} without a Location header");
            var next = location.IsAbsoluteUri ? location : new Uri(current, location);
            if (!visited.Add(next.AbsoluteUri)) throw new VideoDownloadException("redirect loop");
            if (hop + 1 > DownloadOptions.MaxRedirects)
                throw new VideoDownloadException($"too many redirects (more than {DownloadOptions.MaxRedirects})");
            return next;
        }
        if (status is < 200 or > 299)
            throw new VideoDownloadException($"HTTP {status} {DownloadFailures.Phrase(response)}") { IsTransient = status is >= 500 or 408 or 429 };
        return null;
    }

    private static string Shown(Uri url) => url.GetLeftPart(UriPartial.Path);

    public void Dispose() => _http.Dispose();
}
