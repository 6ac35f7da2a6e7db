using AdsRecommender.Testing;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AdsRecommender.Azure.Tests;

public sealed class BatchTerminatorTests
{
    private const string Sha = "3f2a9c0d4e5b6a7188990011aabbccddeeff00112233445566778899aabbccdd";

    [Fact]
    public async Task Restarting_a_failed_run_terminates_its_batches_still_running_first()
    {
        var attempts = 0;
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestratorFunc<RunRequest, string>(TaskNames.AnalyzeAds, (_, input) =>
                Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("boom") : input.RunId)
            .AddOrchestratorFunc<string, string>(TaskNames.ProcessBatch, async (ctx, _) => await ctx.WaitForExternalEvent<string>("never")));
        var starter = new RunStarter(host.Client);
        var first = await Deadline.Within(Deadline.Short, "starting a run", ct => starter.StartAsync("ads.csv", Sha, new RunOptions(), ct));
        await host.Client.CompletionAsync(first.RunId);
        // batches of the failed attempt that outlived it, and another run's batch that must be left alone
        foreach (var id in new[] { $"{first.RunId}-batch-0", $"{first.RunId}-batch-1", "other-run-batch-0" })
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(TaskNames.ProcessBatch, "x", new StartOrchestrationOptions { InstanceId = id });
            await host.Client.StartedAsync(id);
        }

        var again = await Deadline.Within(Deadline.Short, "starting a run", ct => starter.StartAsync("ads.csv", Sha, new RunOptions(), ct));

        Assert.True(again.Started);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.Client.GetInstanceAsync($"{first.RunId}-batch-0"))!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.Client.GetInstanceAsync($"{first.RunId}-batch-1"))!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("other-run-batch-0"))!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.CompletionAsync(again.RunId)).RuntimeStatus);
        await host.Client.TerminateInstanceAsync("other-run-batch-0");
    }
}
