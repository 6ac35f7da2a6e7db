using System.Net.Sockets;
using System.Runtime.ExceptionServices;

namespace AdsRecommender.Core.Media;

/// <summary>
/// What went wrong with a download, as the short reason recorded for the video, and whether another attempt could help
/// (<see cref="VideoDownloadException.IsTransient"/>: a reset connection or a connect timeout may pass; a refused port, a
/// DNS or TLS failure, the idle or total timeout would fail the same way again).
/// </summary>
internal sealed class DownloadFailures(DownloadOptions options)
{
    public VideoDownloadException TooLarge() => new($"too large: more than {Units.Bytes(options.MaxBytes)}");

    /// <summary>A request or read failure as a reason; a cancellation of the caller or of the total timeout is rethrown.</summary>
    public VideoDownloadException Translate(Exception e, Uri url, CancellationTokenSource idle, CancellationToken totalToken,
        long? bytesSoFar, long? expected)
    {
        if (e is OperationCanceledException)
        {
            if (totalToken.IsCancellationRequested) ExceptionDispatchInfo.Throw(e);
            if (idle.IsCancellationRequested)
                return new VideoDownloadException($"timed out after {Units.Duration(options.ReadIdleTimeout)} without data", e);
            if (e.InnerException is TimeoutException)
                return new VideoDownloadException($"connection to {url.Host}:{url.Port} timed out", e) { IsTransient = true };
            return new VideoDownloadException("timed out", e);
        }
        for (var x = e; x is not null; x = x.InnerException)
            if (x is UrlRefusedException r) return new VideoDownloadException(r.Message, e) { IsRefused = true };

        if (e is HttpRequestException h && ConnectionFailure(h, url) is { } failure) return failure;
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

    /// <summary>The reason phrase, printable ASCII only and short (it comes from the server); else the status name.</summary>
    public static string Phrase(HttpResponseMessage response)
    {
        var phrase = new string((response.ReasonPhrase ?? "").Where(c => c is >= ' ' and <= '~').Take(40).ToArray()).Trim();
        return phrase.Length > 0 ? phrase : response.StatusCode.ToString();
    }

    /// <summary>DNS, TLS, protocol and refused-connection failures: permanent for this URL.</summary>
    private static VideoDownloadException? ConnectionFailure(HttpRequestException e, Uri url)
    {
        switch (e.HttpRequestError)
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
        return FindSocketError(e) switch
        {
            SocketError.HostNotFound or SocketError.NoData => new VideoDownloadException($"DNS lookup failed for {url.Host}", e),
            SocketError.ConnectionRefused => new VideoDownloadException($"connection refused by {url.Host}:{url.Port}", e),
            _ => null,
        };
    }

    private static SocketError? FindSocketError(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is SocketException s) return s.SocketErrorCode;
        return null;
    }
}
