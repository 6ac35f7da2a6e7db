using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AdsRecommender.Hosting.Tests;

/// <summary><c>AddLocalDurableBackend</c>: the gRPC sidecar over the in-memory service, in this process.</summary>
public sealed class LocalDurableBackendTests
{
    private static readonly string[] Names = ["Ada", "Grace", "Edsger", "Barbara"];

    [Fact]
    public async Task An_orchestration_fans_out_its_activities_and_completes_with_their_results()
    {
        await using var host = await BackendHost.StartAsync(s => s.AddLocalDurableBackend(Greetings.Register));

        var done = await host.RunAsync(nameof(Greetings.GreetAll), Names);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Names.Select(n => $"Hello, {n}!"), done.ReadOutputAs<string[]>());
        Assert.Null(host.Backend.StoredHistory); // in memory: no history to read back
    }

    [Fact]
    public async Task Sub_orchestrations_complete_and_the_history_meter_measures_a_watched_instance()
    {
        await using var host = await BackendHost.StartAsync(s => s.AddLocalDurableBackend(Greetings.Register));
        const string id = "greetings-in-batches";
        host.Backend.History.Watch(id);

        var scheduled = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Greetings.GreetInTwoBatches), Names,
            new StartOrchestrationOptions { InstanceId = id });
        var done = await AdsRecommender.Testing.Deadline.Within(AdsRecommender.Testing.Deadline.Short, "the batches to complete",
            ct => host.Client.WaitForInstanceCompletionAsync(scheduled, getInputsAndOutputs: true, ct));

        Assert.Equal(Names.Select(n => $"Hello, {n}!"), done.ReadOutputAs<string[]>());
        var history = host.Backend.History.For(id);
        Assert.NotNull(history);
        Assert.Equal(1, history.Executions);
        Assert.True(history.MaxEvents >= 6, $"{history.MaxEvents} events"); // started, 2 sub-orchestrations created and completed, completed
        Assert.True(history.MaxBytes > 0);
    }

    [Fact]
    public async Task Every_ready_activity_is_handed_to_the_worker_at_once_not_one_per_core()
    {
        var rendezvous = new Rendezvous();
        await using var host = await BackendHost.StartAsync(s => s.AddLocalDurableBackend(Rendezvous.Register), s => s.AddSingleton(rendezvous));
        try
        {
            // Each activity waits until all have started: with the in-memory service's own limit (a slot per core) the first
            // ones wait forever and the deadline names how many ever ran at once.
            var done = await host.RunAsync(nameof(Rendezvous.MeetAll), Rendezvous.Parties, TimeSpan.FromSeconds(60));
            Assert.Equal(Rendezvous.Parties, done.ReadOutputAs<int>());
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}: {rendezvous.Arrived} of {Rendezvous.Parties} activities ran at once", e);
        }
        finally
        {
            rendezvous.Release();
        }
    }
}
