using AdsRecommender.Testing;
using System.Text;
using AdsRecommender.Core;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Functions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdsRecommender.Azure.Tests.Functions;

/// <summary>
/// The function the Event Grid blob trigger on <c>input/{name}.csv</c> calls (the host's Event Grid subscription itself
/// needs Azure), called with the blob's content and name as the host binds them, against the in-process Durable host.
/// </summary>
public sealed class InputBlobTriggerTests
{
    private static readonly InputBlobTrigger Trigger = new(Options.Create(new AdsRecommenderOptions()), NullLogger<InputBlobTrigger>.Instance);

    [Fact]
    public async Task A_csv_dropped_twice_starts_one_run_named_from_its_name_and_content()
    {
        var runs = 0;
        await using var host = await DurableHost.StartAsync(r => r.AddOrchestratorFunc<RunRequest, string>(
            TaskNames.AnalyzeAds, (_, input) => { Interlocked.Increment(ref runs); return input.CsvName; }));
        var csv = Encoding.UTF8.GetBytes("Performance,Video URL\n0.5,https://cdn.example.com/a.mp4\n");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(csv));

        await Deadline.Within(Deadline.Short, "the blob trigger", ct => Trigger.RunAsync(new MemoryStream(csv), "spring-ads", host.Client, ct));
        var runId = RunIds.For("spring-ads.csv", sha);
        var meta = await host.Client.CompletionAsync(runId, getInputsAndOutputs: true);
        await Deadline.Within(Deadline.Short, "the blob trigger", ct => Trigger.RunAsync(new MemoryStream(csv), "spring-ads", host.Client, ct));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        Assert.Equal("spring-ads.csv", meta.ReadInputAs<RunRequest>()!.CsvName);
        Assert.Equal(1, runs);
    }

    [Theory]
    [InlineData("nested/ads")]
    [InlineData("../ads")]
    public async Task Oddly_named_blobs_are_ignored(string name)
    {
        await using var host = await DurableHost.StartAsync(r => r.AddOrchestratorFunc<RunRequest, string>(TaskNames.AnalyzeAds, (_, i) => i.CsvName));
        await Deadline.Within(Deadline.Short, "the blob trigger", ct => Trigger.RunAsync(new MemoryStream("Performance,Video URL\n"u8.ToArray()), name, host.Client, ct));
        var instances = await host.Client.GetAllInstancesAsync().ToListAsync();
        Assert.Empty(instances);
    }
}
