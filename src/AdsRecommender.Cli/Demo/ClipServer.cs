using System.Net;
using System.Net.Sockets;

namespace AdsRecommender.Cli.Demo;

/// <summary>Serves the files of one folder on 127.0.0.1 (random free port), GET/HEAD only, names without paths.</summary>
public sealed class ClipServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly string _dir;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="preferredPort">Tried first (so a rerun of the demo sees the same URLs and reuses its results); else a free port.</param>
    public ClipServer(string dir, int preferredPort = 0)
    {
        _dir = Path.GetFullPath(dir);
        (_listener, Port) = preferredPort > 0 && TryListen(preferredPort) is { } l ? (l, preferredPort) : Listen();
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        _loop = Task.Run(LoopAsync);
    }

    private static (HttpListener, int) Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            if (TryListen(port) is { } l) return (l, port);
            if (attempt == 5) throw new InvalidOperationException("no free port on 127.0.0.1 for the sample server");
        }
    }

    private static HttpListener? TryListen(int port)
    {
        var l = new HttpListener();
        l.Prefixes.Add($"http://127.0.0.1:{port}/");
        try
        {
            l.Start();
            return l;
        }
        catch (HttpListenerException)
        {
            l.Close();
            return null;
        }
    }

    public int Port { get; }
    public Uri BaseUri { get; }

    public Uri UriFor(string fileName) => new(BaseUri, Uri.EscapeDataString(fileName));

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(ctx));
        }
    }

    private async Task ServeAsync(HttpListenerContext ctx)
    {
        var res = ctx.Response;
        try
        {
            var name = Uri.UnescapeDataString(ctx.Request.Url?.AbsolutePath.TrimStart('/') ?? "");
            var path = Path.Combine(_dir, name);
            if (name.Length == 0 || name.Contains('/') || name.Contains('\\') || name.StartsWith('.') || !File.Exists(path))
            {
                res.StatusCode = 404;
                return;
            }
            res.ContentType = "video/mp4";
            var bytes = await File.ReadAllBytesAsync(path);
            res.ContentLength64 = bytes.Length;
            if (ctx.Request.HttpMethod != "HEAD") await res.OutputStream.WriteAsync(bytes);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
        }
        finally
        {
            try
            {
                res.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
