using AdsRecommender.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdsRecommender.Hosting.Tests;

/// <summary>A host wired as a program would wire it (ConsoleAppMinimal's few lines), with one of the library's back ends.</summary>
public sealed class BackendHost : IAsyncDisposable
{
    private readonly IHost _host;

    private BackendHost(IHost host) => _host = host;

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();
    public InProcessDurableBackend Backend => _host.DurableBackend();

    /// <param name="addBackend">e.g. <c>s => s.AddLocalDurableBackend(Greetings.Register)</c>.</param>
    public static async Task<BackendHost> StartAsync(Action<IServiceCollection> addBackend, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        services?.Invoke(builder.Services);
        addBackend(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartWithDurableBackendAsync().Within(Deadline.Short, "the durable back end and host to start");
        }
        catch
        {
            await host.ShutDownWithDurableBackendAsync(TimeSpan.FromSeconds(10));
            throw;
        }
        return new BackendHost(host);
    }

    /// <summary>Schedules <paramref name="orchestrator"/> and returns its completed state (output read), within a deadline.</summary>
    public async Task<OrchestrationMetadata> RunAsync(string orchestrator, object input, TimeSpan? limit = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(new TaskName(orchestrator), input);
        return await Deadline.Within(limit ?? Deadline.Short, $"orchestration {orchestrator} ({id}) to complete",
            ct => Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct));
    }

    public ValueTask DisposeAsync() => new(_host.ShutDownWithDurableBackendAsync(TimeSpan.FromSeconds(10)));
}
