using System.Text;
using AdsRecommender.Cli;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>How many videos the in-process host works on at once: as many as configured, not as many as the sidecar has cores.</summary>
public sealed class VideosInFlightTests
{
    [Fact]
    public async Task The_configured_number_of_videos_are_in_flight_at_once_and_no_more()
    {
        const int slots = 6, rows = 10;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new TestHttpServer();
        var urls = Enumerable.Range(0, rows).Select(i => server.Route($"/held{i}.mp4", async (_, s, ct) =>
        {
            await release.Task.WaitAsync(ct);
            await HttpResponses.WriteAsync(s, 404, "text/plain", Encoding.ASCII.GetBytes("gone\n"), ct: ct);
        })).ToList();
        using var run = new TestRun();
        var csvPath = Path.Combine(run.OutDir, "ads.csv");
        await File.WriteAllTextAsync(csvPath, TestRun.Csv(urls.Select((u, i) => (0.1 * i, u)).ToArray()));
        var storage = run.Storage;
        var (runId, csvName) = await RunSetup.StageCsvAsync(storage.Store, csvPath, CancellationToken.None);
        var settings = SharedAnalyzer.Configuration(("MaxParallelAnalyses", "1"), ("MaxConcurrentActivities", $"{slots}"));
        await using var host = await PipelineHost.StartAsync(storage.Store, storage.Ledger, settings).Within(Deadline.Short, "the pipeline host to start");

        var running = host.RunAsync(new RunRequest(runId, csvName, new RunOptions(AllowPrivateNetwork: true, MaxAttempts: 1)));
        int Started() => Enumerable.Range(0, rows).Count(i => server.RequestCount($"/held{i}.mp4") > 0);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (Started() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no download started");
            await Task.Delay(20);
        }
        // well below the downloader's 20 s idle timeout, after which a held download would fail and free its slot
        deadline = DateTime.UtcNow.AddSeconds(15);
        while (Started() < slots)
        {
            Assert.False(running.IsCompleted, "the run ended early");
            Assert.True(DateTime.UtcNow < deadline, $"only {Started()} downloads started at once, {slots} expected");
            await Task.Delay(20);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(slots, Started());

        release.SetResult();
        var outcome = await RunOutcomeVideos.AttachAsync(await running.WaitAsync(TimeSpan.FromMinutes(2)), storage.Ledger);
        Assert.Equal(rows, outcome.Failed);
        Assert.All(outcome.Videos, v => Assert.Contains("404", v.Reason));
    }
}
