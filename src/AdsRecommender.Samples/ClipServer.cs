using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdsRecommender.Samples;

/// <summary>
/// Serves the files of one folder on 127.0.0.1 with Kestrel, GET/HEAD only (range requests answered), names without
/// paths, as <c>video/mp4</c>.
/// </summary>
public sealed class ClipServer : IAsyncDisposable
{
    private readonly IHost _host;

    private ClipServer(IHost host, int port) => (_host, Port, BaseUri) = (host, port, new Uri($"http://127.0.0.1:{port}/"));

    public int Port { get; }
    public Uri BaseUri { get; }

    public Uri UriFor(string fileName) => new(BaseUri, Uri.EscapeDataString(fileName));

    /// <param name="preferredPort">Tried first (so a rerun of the demo sees the same URLs and reuses its results); else a port
    /// the system chooses while Kestrel binds it.</param>
    public static async Task<ClipServer> StartAsync(string dir, int preferredPort = 0, CancellationToken ct = default)
    {
        var folder = Path.GetFullPath(dir);
        if (preferredPort > 0)
        {
            var preferred = Build(folder, preferredPort);
            try
            {
                await preferred.StartAsync(ct);
                return new ClipServer(preferred, preferredPort);
            }
            catch (IOException) // taken (Kestrel's "address already in use")
            {
                preferred.Dispose();
            }
        }
        var host = Build(folder, 0);
        await host.StartAsync(ct);
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ClipServer(host, new Uri(address).Port);
    }

    // A bare host, as the Durable sidecar's: no appsettings.json watched in the working folder, no console lifetime.
    private static IHost Build(string folder, int port) =>
        new HostBuilder()
            .UseContentRoot(folder)
            .ConfigureWebHost(web =>
            {
                web.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
                web.ConfigureServices(s => s.AddRouting());
                web.Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(e => e.MapMethods("/{name}", [HttpMethods.Get, HttpMethods.Head], (string name) => Serve(folder, name)));
                });
            })
            .Build();

    private static IResult Serve(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (name.Length == 0 || name.Contains('/') || name.Contains('\\') || name.StartsWith('.') || !File.Exists(path))
            return Results.NotFound();
        return Results.File(path, "video/mp4", enableRangeProcessing: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
