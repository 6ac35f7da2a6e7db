using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Core.Media;

/// <summary>
/// Downloads a video over http(s) defensively: URL/address policy on every hop and every resolved address
/// (<see cref="UrlPolicy"/>), manual redirects, size cap, total/attempt/idle timeouts, retries for transient
/// failures only, content sniffing, SHA-256 while streaming, and an atomic move from a temp file next to the
/// destination (a failed download leaves no file). Thread-safe: one instance can serve parallel downloads.
/// </summary>
public sealed class VideoDownloader : IVideoDownloader, IDisposable
{
    private const int BufferSize = 81920;

    private readonly DownloadOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;

    public VideoDownloader(DownloadOptions options, ILogger<VideoDownloader>? logger = null)
        : this(options, logger, Dns.GetHostAddressesAsync)
    {
    }

    /// <param name="resolve">Name resolution for the connect-time address check (a seam for tests).</param>
    internal VideoDownloader(DownloadOptions options, ILogger<VideoDownloader>? logger, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Policy = new UrlPolicy(options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await AttemptAsync(url, destination, total.Token);
                _logger.LogInformation("Downloaded {Url}: {Bytes} bytes, {Format}, attempt {Attempt}",
                    Shown(url), result.Bytes, result.Format, attempt);
                return result with { Attempts = attempt };
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested && total.IsCancellationRequested)
            {
                throw new VideoDownloadException($"timed out after {Units.Duration(_options.Timeout)}");
            }
            catch (VideoDownloadException e) when (e.IsTransient)
            {
                if (attempt > _options.Retries)
                {
                    if (attempt == 1) throw;
                    throw new VideoDownloadException($"{e.Message} (after {attempt} attempts)", e) { IsTransient = true };
                }
                var delay = e.RetryAfter is { } ra
                    ? TimeSpan.FromTicks(Math.Min(ra.Ticks, TimeSpan.FromSeconds(10).Ticks))
                    : _options.RetryBaseDelay * Math.Pow(2, attempt - 1);
                _logger.LogWarning("Download of {Url} failed ({Reason}); retry {Retry} of {Retries} in {Delay}",
                    Shown(url), e.Message, attempt, _options.Retries, delay);
                try
                {
                    await Task.Delay(delay, total.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new VideoDownloadException($"timed out after {Units.Duration(_options.Timeout)} ({e.Message})");
                }
            }
        }
    }

    private async Task<DownloadResult> AttemptAsync(Uri url, string destination, CancellationToken totalToken)
    {
        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(totalToken);
        attemptCts.CancelAfter(_options.EffectiveAttemptTimeout);
        var current = url;
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        for (var hop = 0; ; hop++)
        {
            if (Policy.WhyRefused(current) is { } refused) throw new VideoDownloadException(refused) { IsRefused = true };

            using var idle = CancellationTokenSource.CreateLinkedTokenSource(attemptCts.Token);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.UserAgent.ParseAdd(DownloadOptions.UserAgent);
            request.Headers.Accept.ParseAdd("video/*, application/octet-stream;q=0.9, */*;q=0.1");
            request.Headers.AcceptEncoding.ParseAdd("identity");

            HttpResponseMessage response;
            idle.CancelAfter(_options.ReadIdleTimeout);
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token);
            }
            catch (Exception e) when (e is not VideoDownloadException)
            {
                throw Translate(e, current, idle, attemptCts, totalToken, bytesSoFar: null, expected: null);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    var location = response.Headers.Location
                        ?? throw new VideoDownloadException($"HTTP {status} {Phrase(response)} without a Location header");
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (!visited.Add(next.AbsoluteUri)) throw new VideoDownloadException("redirect loop");
                    if (hop + 1 > DownloadOptions.MaxRedirects)
                        throw new VideoDownloadException($"too many redirects (more than {DownloadOptions.MaxRedirects})");
                    _logger.LogDebug("Redirect {Status} from {From} to {To}", status, Shown(current), Shown(next));
                    current = next;
                    continue;
                }
                if (status is < 200 or > 299)
                {
                    throw new VideoDownloadException($"HTTP {status} {Phrase(response)}")
                    {
                        IsTransient = status is >= 500 or 408 or 429,
                        RetryAfter = RetryAfter(response.Headers.RetryAfter),
                    };
                }
                var declared = response.Content.Headers.ContentLength;
                if (declared > _options.MaxBytes) throw TooLarge();
                return await SaveAsync(response, current, destination, idle, attemptCts, totalToken);
            }
        }
    }

    private async Task<DownloadResult> SaveAsync(HttpResponseMessage response, Uri url, string destination,
        CancellationTokenSource idle, CancellationTokenSource attempt, CancellationToken totalToken)
    {
        var declared = response.Content.Headers.ContentLength;
        var temp = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.part");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var head = new byte[VideoSniffer.PrefixLength];
        var headLength = 0;
        string? format = null;
        long received = 0;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                try
                {
                    idle.CancelAfter(_options.ReadIdleTimeout);
                    await using var body = await response.Content.ReadAsStreamAsync(idle.Token);
                    while (true)
                    {
                        idle.CancelAfter(_options.ReadIdleTimeout);
                        var n = await body.ReadAsync(buffer.AsMemory(0, BufferSize), idle.Token);
                        if (n == 0) break;
                        received += n;
                        if (received > _options.MaxBytes) throw TooLarge();
                        if (format is null && headLength < head.Length)
                        {
                            var take = Math.Min(n, head.Length - headLength);
                            buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                            headLength += take;
                            if (headLength == head.Length) format = SniffOrThrow(head.AsSpan(0, headLength));
                        }
                        hash.AppendData(buffer, 0, n);
                        await file.WriteAsync(buffer.AsMemory(0, n), attempt.Token);
                    }
                }
                catch (Exception e) when (e is not VideoDownloadException)
                {
                    throw Translate(e, url, idle, attempt, totalToken, received, declared);
                }
                format ??= SniffOrThrow(head.AsSpan(0, headLength));
                if (declared is { } d && d != received)
                    throw new VideoDownloadException($"incomplete: received {received} of {d} bytes");
                await file.FlushAsync(attempt.Token);
            }
            File.Move(temp, destination, overwrite: true);
            var contentType = response.Content.Headers.ContentType?.MediaType;
            return new DownloadResult(received, contentType, Convert.ToHexStringLower(hash.GetHashAndReset()))
            {
                Format = format,
                FinalUrl = url,
            };
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string SniffOrThrow(ReadOnlySpan<byte> head) =>
        VideoSniffer.Sniff(head, out var reason) ?? throw new VideoDownloadException(reason!);

    private VideoDownloadException TooLarge() => new($"too large: more than {Units.Bytes(_options.MaxBytes)}");

    private VideoDownloadException Translate(Exception e, Uri url, CancellationTokenSource idle, CancellationTokenSource attempt,
        CancellationToken totalToken, long? bytesSoFar, long? expected)
    {
        if (e is OperationCanceledException)
        {
            if (totalToken.IsCancellationRequested) ExceptionDispatchInfo.Throw(e);
            if (attempt.IsCancellationRequested)
                return new VideoDownloadException($"timed out after {Units.Duration(_options.EffectiveAttemptTimeout)} (attempt limit)", e)
                {
                    IsTransient = true, // a stuck attempt may be retried while the total timeout allows
                };
            if (idle.IsCancellationRequested)
                return new VideoDownloadException($"timed out after {Units.Duration(_options.ReadIdleTimeout)} without data", e);
            if (e.InnerException is TimeoutException)
                return new VideoDownloadException($"connection to {url.Host}:{url.Port} timed out", e) { IsTransient = true };
            return new VideoDownloadException("timed out", e);
        }
        for (var x = e; x is not null; x = x.InnerException)
            if (x is UrlRefusedException r) return new VideoDownloadException(r.Message, e) { IsRefused = true };

        if (e is HttpRequestException h)
        {
            var socket = FindSocketError(e);
            switch (h.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError:
                    return new VideoDownloadException($"DNS lookup failed for {url.Host}", e);
                case HttpRequestError.SecureConnectionError:
                    return new VideoDownloadException($"TLS handshake with {url.Host} failed", e);
                case HttpRequestError.InvalidResponse:
                    return new VideoDownloadException("invalid HTTP response", e);
                case HttpRequestError.ConfigurationLimitExceeded:
                    return new VideoDownloadException("HTTP response headers too large", e);
            }
            if (socket == SocketError.HostNotFound || socket == SocketError.NoData)
                return new VideoDownloadException($"DNS lookup failed for {url.Host}", e);
            if (socket == SocketError.ConnectionRefused)
                return new VideoDownloadException($"connection refused by {url.Host}:{url.Port}", e);
        }
        if (bytesSoFar is { } got && got > 0)
        {
            return expected is { } want
                ? new VideoDownloadException($"incomplete: received {got} of {want} bytes", e)
                : new VideoDownloadException($"incomplete: connection lost after {got} bytes", e);
        }
        if (FindSocketError(e) is SocketError.ConnectionReset or SocketError.ConnectionAborted || e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } || e is HttpIOException)
            return new VideoDownloadException("connection reset by the server", e) { IsTransient = true };
        if (e is HttpRequestException or IOException)
            return new VideoDownloadException($"connection failed: {e.Message}", e) { IsTransient = FindSocketError(e) is not null };
        ExceptionDispatchInfo.Throw(e);
        return null!;
    }

    private static SocketError? FindSocketError(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is SocketException s) return s.SocketErrorCode;
        return null;
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? value)
    {
        if (value?.Delta is { } delta) return delta;
        if (value?.Date is { } date) return date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }

    /// <summary>The reason phrase, printable ASCII only and short (it comes from the server); else the status name.</summary>
    private static string Phrase(HttpResponseMessage response)
    {
        var phrase = new string((response.ReasonPhrase ?? "").Where(c => c is >= ' ' and <= '~').Take(40).ToArray()).Trim();
        return phrase.Length > 0 ? phrase : response.StatusCode.ToString();
    }

    private static string Shown(Uri url) => url.GetLeftPart(UriPartial.Path);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose() => _http.Dispose();
}
