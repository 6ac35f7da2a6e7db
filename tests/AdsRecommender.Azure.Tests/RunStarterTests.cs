using AdsRecommender.Testing;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Workflows;
using Microsoft.DurableTask.Client;

namespace AdsRecommender.Azure.Tests;

public sealed class RunStarterTests
{
    private const string Sha = "3f2a9c0d4e5b6a7188990011aabbccddeeff00112233445566778899aabbccdd";

    [Fact]
    public void Run_ids_come_from_the_name_and_the_content_hash()
    {
        Assert.Equal("ads-2024-3f2a9c0d4e5b", RunIds.For("Ads_2024.csv", Sha));
        Assert.Equal("my-ads--v2-3f2a9c0d4e5b", RunIds.For("my(ads)+v2.csv", Sha));
        Assert.Equal("run-3f2a9c0d4e5b", RunIds.For("(+).csv", Sha));
        Assert.NotEqual(RunIds.For("a.csv", Sha), RunIds.For("a.csv", Sha.Replace('3', '4')));
        Assert.Throws<ArgumentException>(() => RunIds.For("../a.csv", Sha));
        Assert.Throws<ArgumentException>(() => RunIds.For("a.csv", "not-a-hash"));
    }

    [Fact]
    public async Task The_same_csv_started_twice_runs_once()
    {
        var runs = 0;
        await using var host = await DurableHost.StartAsync(r => r.AddOrchestratorFunc<RunRequest, string>(
            TaskNames.AnalyzeAds, (_, input) => { Interlocked.Increment(ref runs); return input.CsvName; }));
        var starter = new RunStarter(host.Client);

        var first = await Deadline.Within(Deadline.Short, "starting a run", ct => starter.StartAsync("ads.csv", Sha, new RunOptions(), ct));
        await host.Client.CompletionAsync(first.RunId, getInputsAndOutputs: true);
        var second = await Deadline.Within(Deadline.Short, "starting a run", ct => starter.StartAsync("ads.csv", Sha, new RunOptions(), ct));

        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.Equal(first.RunId, second.RunId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.PreviousStatus);
        Assert.Equal(1, runs);
        var meta = await host.Client.GetInstanceAsync(first.RunId, getInputsAndOutputs: true);
        Assert.Equal(first.RunId, meta!.ReadInputAs<RunRequest>()!.RunId);
    }

    [Fact]
    public async Task Different_content_under_the_same_name_is_a_new_run()
    {
        await using var host = await DurableHost.StartAsync(r => r.AddOrchestratorFunc<RunRequest, string>(
            TaskNames.AnalyzeAds, (_, input) => input.RunId));
        var starter = new RunStarter(host.Client);

        var a = await Deadline.Within(Deadline.Short, "starting a run", ct => starter.StartAsync("ads.csv", RunIds.Sha256Hex("Performance,Video URL\n1,http://x/1"u8), new RunOptions(), ct));
        var b = await Deadline.Within(Deadline.Short, "starting a run", ct => starter.StartAsync("ads.csv", RunIds.Sha256Hex("Performance,Video URL\n2,http://x/2"u8), new RunOptions(), ct));

        Assert.True(a.Started);
        Assert.True(b.Started);
        Assert.NotEqual(a.RunId, b.RunId);
    }

    [Fact]
    public async Task A_failed_run_is_started_again_under_the_same_id()
    {
        var attempts = 0;
        await using var host = await DurableHost.StartAsync(r => r.AddOrchestratorFunc<RunRequest, string>(
            TaskNames.AnalyzeAds, (_, input) =>
                Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("boom") : input.RunId));
        var starter = new RunStarter(host.Client);

        var first = await Deadline.Within(Deadline.Short, "starting a run", ct => starter.StartAsync("ads.csv", Sha, new RunOptions(), ct));
        var failed = await host.Client.CompletionAsync(first.RunId);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);

        var again = await Deadline.Within(Deadline.Short, "starting a run", ct => starter.StartAsync("ads.csv", Sha, new RunOptions(), ct));
        var done = await host.Client.CompletionAsync(again.RunId);

        Assert.True(again.Started);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, again.PreviousStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }
}
