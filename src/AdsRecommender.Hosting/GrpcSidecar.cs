using System.Net;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Hosting;

/// <summary>
/// The Durable Task gRPC sidecar of Microsoft.DurableTask.InProcessTestHost (<see cref="TaskHubGrpcServer"/>), served by
/// Kestrel on 127.0.0.1 over any orchestration service (in memory, or DurableTask.AzureStorage). Started here rather
/// than through <c>DurableTaskTestHost</c> so that the service's activity concurrency can be chosen.
/// </summary>
internal static class GrpcSidecar
{
    /// <summary>
    /// Starts the sidecar on port 0 of 127.0.0.1 and reads back the port Kestrel bound: bound once and kept, so no other
    /// process can take it between choosing and binding.
    /// </summary>
    public static async Task<(IHost Host, int Port)> StartAsync(
        IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        var host = Build(service, client, loggerFactory);
        try
        {
            await host.StartAsync(ct);
            var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return (host, new Uri(address).Port);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    // A bare host, not Host.CreateDefaultBuilder: its defaults read appsettings.json from the current directory with
    // reload on change, and the file watcher behind that watches every directory under the current one (seconds per run
    // from /, and watches taken from the user's inotify limit: docs/PERFORMANCE.md, session 11). The sidecar needs
    // Kestrel and gRPC, nothing else.
    private static IHost Build(IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggerFactory) =>
        new HostBuilder()
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureLogging(l => l.Services.AddSingleton(loggerFactory)) // the run's own logger factory decides
            .ConfigureWebHost(web =>
            {
                web.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
                web.ConfigureServices(s =>
                {
                    s.AddGrpc();
                    s.AddSingleton<IHostLifetime, EmbeddedLifetime>();
                    s.AddSingleton(service);
                    s.AddSingleton(client);
                    s.AddSingleton<TaskHubGrpcServer>();
                });
                web.Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(e => e.MapGrpcService<TaskHubGrpcServer>());
                });
            })
            .Build();
}
