using System.Net;
using System.Net.Sockets;

namespace AdsRecommender.Cli.Demo;

/// <summary>Serves the files of one folder on 127.0.0.1 (random free port), GET/HEAD only, names without paths.</summary>
public sealed class ClipServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _dir;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ClipServer(string dir)
    {
        _dir = Path.GetFullPath(dir);
        Port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
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
