using System.Net;
using System.Net.Sockets;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Cli.Hosting;

/// <summary>
/// The Durable Task gRPC sidecar of Microsoft.DurableTask.InProcessTestHost (<see cref="TaskHubGrpcServer"/>), served by
/// Kestrel on 127.0.0.1 over any orchestration service (in memory, or DurableTask.AzureStorage). Started here rather
/// than through <c>DurableTaskTestHost</c> so that the service's activity concurrency can be chosen.
/// </summary>
internal static class GrpcSidecar
{
    /// <summary>Starts the sidecar on a port the OS reports free, choosing again if another process takes it first.</summary>
    public static async Task<(IHost Host, int Port)> StartAsync(
        IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var host = Build(service, client, loggerFactory, port);
            try
            {
                await host.StartAsync(ct);
                return (host, port);
            }
            catch (IOException e) when (attempt < 5 && IsAddressInUse(e))
            {
                host.Dispose(); // another process took the port between choosing and binding it: choose again
            }
        }
    }

    private static IHost Build(IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggerFactory, int port) =>
        Host.CreateDefaultBuilder()
            .ConfigureLogging(l =>
            {
                // the host's defaults log to the console at Information; the run's own logger factory decides instead
                l.ClearProviders();
                l.Services.AddSingleton(loggerFactory);
            })
            .ConfigureWebHostDefaults(web =>
            {
                web.UseKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
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

    /// <summary>A loopback port the operating system reports free right now.</summary>
    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static bool IsAddressInUse(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }) return true;
        return false;
    }
}
