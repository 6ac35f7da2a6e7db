using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Azure.Tests;

/// <summary>
/// Prototype of a durable local mode: the InProcessTestHost's public gRPC sidecar (<see cref="TaskHubGrpcServer"/>)
/// served by Kestrel on 127.0.0.1, backed by DurableTask.AzureStorage (queues, tables, blobs in Azurite or an account)
/// instead of memory, with a Durable Task worker and client connected over gRPC. Orchestration history survives the
/// process, so a restarted host sees (and would resume) earlier instances.
/// </summary>
internal sealed class AzureStorageSidecar : IAsyncDisposable
{
    private readonly IHost _sidecar;
    private readonly IHost _worker;
    private readonly GrpcChannel _channel;
    private readonly AzureStorageOrchestrationService _service;

    private AzureStorageSidecar(IHost sidecar, IHost worker, GrpcChannel channel, AzureStorageOrchestrationService service)
    {
        (_sidecar, _worker, _channel, _service) = (sidecar, worker, channel, service);
    }

    public DurableTaskClient Client => _worker.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<AzureStorageSidecar> StartAsync(string connectionString, string taskHub, Action<DurableTaskRegistry> register)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
        });
        await service.CreateIfNotExistsAsync(); // the sidecar starts and stops the service with its own lifetime

        var sidecar = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureWebHostDefaults(web =>
            {
                web.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
                web.ConfigureServices(s =>
                {
                    s.AddGrpc();
                    s.AddSingleton<IOrchestrationService>(service);
                    s.AddSingleton<IOrchestrationServiceClient>(service);
                    s.AddSingleton<TaskHubGrpcServer>();
                });
                web.Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(e => e.MapGrpcService<TaskHubGrpcServer>());
                });
            })
            .Build();
        await sidecar.StartAsync();
        // Port 0: the operating system chooses while Kestrel binds, and the socket is kept; read back which one.
        var address = sidecar.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var port = new Uri(address).Port;

        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var worker = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureServices(s =>
            {
                s.AddDurableTaskWorker(b => b.AddTasks(register).UseGrpc(channel));
                s.AddDurableTaskClient(b => b.UseGrpc(channel));
            })
            .Build();
        await worker.StartAsync();
        return new AzureStorageSidecar(sidecar, worker, channel, service);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        // Not _sidecar.StopAsync(): the sidecar's ApplicationStopping handler (async void) calls
        // AzureStorageOrchestrationService.StopAsync, which throws NullReferenceException in DTFx.AzureStorage 2.11.2
        // and takes the process down. Disposing without the stopping event leaves the service's loops to the process end.
        _sidecar.Dispose();
        _channel.Dispose();
    }
}
