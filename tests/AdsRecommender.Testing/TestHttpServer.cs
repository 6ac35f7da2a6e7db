using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AdsRecommender.Testing;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (random port) for tests. Built on <see cref="TcpListener"/> so that routes can
/// misbehave: trickle bytes, lie about Content-Length, reset connections, redirect in loops. One request per
/// connection (<c>Connection: close</c>). Unknown paths answer 404.
/// </summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Func<RequestInfo, NetworkStream, CancellationToken, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly Task _acceptLoop;

    public TestHttpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 64);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUri { get; }
    public int Port { get; }

    /// <summary>Total requests received on every path.</summary>
    public int TotalRequests => _counts.Values.Sum();

    public int RequestCount(string path) => _counts.TryGetValue(Normalize(path), out var n) ? n : 0;

    public Uri UriFor(string path) => new(BaseUri, Normalize(path));

    /// <summary>Registers a raw handler: it writes the whole response (status line included) to the stream.</summary>
    public Uri Route(string path, Func<RequestInfo, NetworkStream, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var p = Normalize(path);
        _routes[p] = handler;
        return UriFor(p);
    }

    public Uri ServeFile(string path, string filePath, string contentType = "video/mp4")
    {
        if (!File.Exists(filePath)) throw new FileNotFoundException("File to serve not found", filePath);
        return Route(path, (_, s, ct) => SendFileAsync(s, filePath, contentType, ct));
    }

    private static async Task SendFileAsync(Stream s, string filePath, string contentType, CancellationToken ct)
    {
        var length = new FileInfo(filePath).Length;
        await HttpResponses.WriteHeadAsync(s, 200, contentType, length, ct: ct);
        await using var f = File.OpenRead(filePath);
        await f.CopyToAsync(s, ct);
    }

    public Uri ServeBytes(string path, byte[] body, string contentType = "application/octet-stream") =>
        Route(path, (_, s, ct) => HttpResponses.WriteAsync(s, 200, contentType, body, ct: ct));

    public Uri ServeStatus(string path, int status) =>
        Route(path, (_, s, ct) => HttpResponses.WriteAsync(s, status, "text/plain",
            Encoding.ASCII.GetBytes($"status {status}\n"), ct: ct));

    public Uri ServeHtml(string path, string? html = null) =>
        Route(path, (_, s, ct) => HttpResponses.WriteAsync(s, 200, "text/html; charset=utf-8",
            Encoding.UTF8.GetBytes(html ?? "<!DOCTYPE html>\n<html><head><title>Not a video</title></head><body><p>Sign in to watch.</p></body></html>\n"), ct: ct));

    /// <summary>Redirects to <paramref name="location"/> (absolute or relative) with the given 3xx status.</summary>
    public Uri ServeRedirect(string path, string location, int status = 302) =>
        Route(path, (_, s, ct) => HttpResponses.WriteAsync(s, status, "text/plain", [], [("Location", location)], ct));

    /// <summary>Sends headers (Content-Length = file size) and then one chunk of <paramref name="bytesPerTick"/> every <paramref name="interval"/>.</summary>
    public Uri ServeTrickle(string path, string filePath, TimeSpan interval, int bytesPerTick = 1, string contentType = "video/mp4") =>
        Route(path, async (_, s, ct) =>
        {
            var bytes = await File.ReadAllBytesAsync(filePath, ct);
            await HttpResponses.WriteHeadAsync(s, 200, contentType, bytes.Length, ct: ct);
            for (var i = 0; i < bytes.Length; i += bytesPerTick)
            {
                await s.WriteAsync(bytes.AsMemory(i, Math.Min(bytesPerTick, bytes.Length - i)), ct);
                await s.FlushAsync(ct);
                await Task.Delay(interval, ct);
            }
        });

    /// <summary>Sends the headers, then nothing at all until the client gives up (or the server stops).</summary>
    public Uri ServeStall(string path, string contentType = "video/mp4", long declaredLength = 1_000_000) =>
        Route(path, async (_, s, ct) =>
        {
            await HttpResponses.WriteHeadAsync(s, 200, contentType, declaredLength, ct: ct);
            await Task.Delay(Timeout.Infinite, ct);
        });

    /// <summary>Serves the file but declares <paramref name="declaredLength"/> as Content-Length (more or fewer bytes than sent).</summary>
    public Uri ServeLyingLength(string path, string filePath, long declaredLength, string contentType = "video/mp4") =>
        Route(path, async (_, s, ct) =>
        {
            var bytes = await File.ReadAllBytesAsync(filePath, ct);
            await HttpResponses.WriteHeadAsync(s, 200, contentType, declaredLength, ct: ct);
            await s.WriteAsync(bytes, ct);
            await s.FlushAsync(ct);
            // Closing here: if declared > sent the client sees a premature end; if declared < sent the extra bytes are excess.
        });

    /// <summary>Serves only the first <paramref name="keepBytes"/> of the file, with an honest Content-Length (a truncated video).</summary>
    public Uri ServeTruncated(string path, string filePath, int keepBytes, string contentType = "video/mp4") =>
        Route(path, async (_, s, ct) =>
        {
            var bytes = await File.ReadAllBytesAsync(filePath, ct);
            var body = bytes.AsMemory(0, Math.Min(keepBytes, bytes.Length)).ToArray();
            await HttpResponses.WriteAsync(s, 200, contentType, body, ct: ct);
        });

    /// <summary>
    /// A large body of <paramref name="totalBytes"/> starting with an MP4 <c>ftyp</c> box. With
    /// <paramref name="declareLength"/> false the body is close-delimited (no Content-Length).
    /// </summary>
    public Uri ServeHuge(string path, long totalBytes, bool declareLength = true) =>
        Route(path, async (_, s, ct) =>
        {
            await HttpResponses.WriteHeadAsync(s, 200, "video/mp4", declareLength ? totalBytes : null, ct: ct);
            var buffer = new byte[64 * 1024];
            HttpResponses.FakeMp4Header.CopyTo(buffer, 0);
            long sent = 0;
            while (sent < totalBytes)
            {
                var n = (int)Math.Min(buffer.Length, totalBytes - sent);
                await s.WriteAsync(buffer.AsMemory(0, n), ct);
                sent += n;
                if (sent == n) Array.Clear(buffer, 0, HttpResponses.FakeMp4Header.Length);
            }
        });

    /// <summary>The first <paramref name="failures"/> requests answer <paramref name="failStatus"/>; later ones serve the file.</summary>
    public Uri ServeFlaky(string path, int failures, string filePath, int failStatus = 503, string contentType = "video/mp4")
    {
        if (!File.Exists(filePath)) throw new FileNotFoundException("File to serve not found", filePath);
        return Route(path, (req, s, ct) => req.Number <= failures
            ? HttpResponses.WriteAsync(s, failStatus, "text/plain", Encoding.ASCII.GetBytes("try again\n"), ct: ct)
            : SendFileAsync(s, filePath, contentType, ct));
    }

    /// <summary>Accepts the request and resets the TCP connection (RST) without answering.</summary>
    public Uri ServeReset(string path) =>
        Route(path, (_, s, _) =>
        {
            s.Socket.LingerState = new LingerOption(true, 0);
            s.Socket.Close();
            return Task.CompletedTask;
        });

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (SocketException) { continue; }
            var task = Task.Run(() => HandleAsync(client));
            _connections[task] = 0;
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            var ct = _stop.Token;
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream, ct);
                if (head is null) return;
                var (method, target, headers) = head.Value;
                var q = target.IndexOf('?');
                var path = Normalize(q >= 0 ? target[..q] : target);
                var query = q >= 0 ? target[(q + 1)..] : "";
                var number = _counts.AddOrUpdate(path, 1, (_, n) => n + 1);
                var info = new RequestInfo(method, path, query, headers, number);
                if (_routes.TryGetValue(path, out var handler))
                    await handler(info, stream, ct);
                else
                    await HttpResponses.WriteAsync(stream, 404, "text/plain", Encoding.ASCII.GetBytes("not found\n"), ct: ct);
                await stream.FlushAsync(ct);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception) when (ct.IsCancellationRequested) { }
            catch (IOException) { }
            catch (SocketException) { }
            catch (ObjectDisposedException) { }
        }
    }

    private static async Task<(string Method, string Target, Dictionary<string, string> Headers)?> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new List<byte>(1024);
        var one = new byte[1];
        while (buffer.Count < 64 * 1024)
        {
            var n = await stream.ReadAsync(one, ct);
            if (n == 0) return null;
            buffer.Add(one[0]);
            var c = buffer.Count;
            if (c >= 4 && buffer[c - 4] == '\r' && buffer[c - 3] == '\n' && buffer[c - 2] == '\r' && buffer[c - 1] == '\n') break;
        }
        var text = Encoding.Latin1.GetString(buffer.ToArray());
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return null;
        var parts = lines[0].Split(' ');
        if (parts.Length < 2) return null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return (parts[0], parts[1], headers);
    }

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _acceptLoop; } catch (Exception) { }
        try { await Task.WhenAll(_connections.Keys).WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
        _stop.Dispose();
    }
}
