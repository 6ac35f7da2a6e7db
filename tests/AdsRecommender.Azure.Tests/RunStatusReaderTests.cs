using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Testing;
using Microsoft.DurableTask;

namespace AdsRecommender.Azure.Tests;

[Collection(AzuriteFixtureCollection.Name)]
public sealed class RunStatusReaderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_finished_run_reports_the_outcome_counts_and_result_blobs_without_reading_the_videos_of_the_ledger()
    {
        var store = TestStorage.Store(azurite);
        var ledger = new CountingLedger(TestStorage.Ledger(azurite));
        var runId = TestStorage.NewRunId();
        await ledger.UpsertVideoAsync(runId, new VideoResult("video(0)", 0, 1, VideoStatus.Embedded, null, 1, new StageTimings()));
        await ledger.UpsertVideoAsync(runId, new VideoResult("video(1)", 1, 2, VideoStatus.Failed, "HTTP 404 Not Found", 0, new StageTimings()));
        await ledger.UpsertVideoAsync(runId, new VideoResult("video(2)", 2, 3, VideoStatus.NoFace, null, 0, new StageTimings()));
        string[] resultNames = ["similar_pairs_with_avg_performance.csv", "grouped_results.csv"];

        await using var host = await DurableHost.StartAsync(r => r.AddOrchestratorFunc<RunRequest, RunOutcome>(
            TaskNames.AnalyzeAds, (ctx, input) =>
            {
                // the last progress said less than the outcome (the grouping step found a video's vectors lost): the outcome wins
                ctx.SetCustomStatus(new RunProgress(4, 3, 0, 1, RunProgress.Phases.Done, NoFace: 1) { Embedded = 2 });
                return new RunOutcome(input.RunId, 4, 1,
                    new VideoTotals(Done: 3, Embedded: 1, NoFace: 1, Failed: 1), new GroupVideosOutput(resultNames, 0.4f, "default", 0, 0, 1),
                    0, ctx.CurrentUtcDateTime, ctx.CurrentUtcDateTime);
            }));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(TaskNames.AnalyzeAds,
            new RunRequest(runId, "ads.csv", new RunOptions()), new StartOrchestrationOptions { InstanceId = runId });
        await host.Client.CompletionAsync(runId);

        var report = await Deadline.Within(Deadline.Short, $"status of run {runId}", ct => new RunStatusReader(host.Client, ledger, store).ReadAsync(runId, ct));

        Assert.NotNull(report);
        Assert.Equal("Completed", report.Status);
        Assert.Equal(new VideoCounts(4, 1, 1, 1, 1), report.Videos);
        Assert.Equal(RunProgress.Phases.Done, report.Progress!.Phase);
        Assert.Equal(resultNames, report.Results.Select(r => r.Name));
        Assert.Equal($"{azurite.BlobEndpoint}/results/{runId}/grouped_results.csv", report.Results[1].Location);
        Assert.Null(report.Error);
        Assert.Equal(0, ledger.VideoReads);
    }

    [Fact]
    public async Task A_running_run_reports_the_counts_of_its_custom_status_without_reading_the_videos_of_the_ledger()
    {
        var ledger = new CountingLedger(TestStorage.Ledger(azurite));
        var runId = TestStorage.NewRunId();
        await ledger.UpsertVideoAsync(runId, new VideoResult("video(0)", 0, 1, VideoStatus.Embedded, null, 1, new StageTimings()));
        await using var host = await DurableHost.StartAsync(r => r.AddOrchestratorFunc<RunRequest, RunOutcome?>(
            TaskNames.AnalyzeAds, async (ctx, _) =>
            {
                ctx.SetCustomStatus(new RunProgress(100_000, 260, 10, 99_740, RunProgress.Phases.Processing, NoFace: 50, Batches: 1000, BatchesDone: 2) { Embedded = 200 });
                await ctx.WaitForExternalEvent<bool>("never");
                return null;
            }));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(TaskNames.AnalyzeAds,
            new RunRequest(runId, "ads.csv", new RunOptions()), new StartOrchestrationOptions { InstanceId = runId });
        var report = await Deadline.Within(Deadline.Short, $"run {runId} to report its progress", async ct =>
        {
            RunStatusReport? r;
            while ((r = await new RunStatusReader(host.Client, ledger, TestStorage.Store(azurite)).ReadAsync(runId, ct))?.Progress is null)
                await Task.Delay(25, ct);
            return r;
        });

        Assert.Equal("Running", report!.Status);
        Assert.Equal(new VideoCounts(100_000, 200, 50, 10, 99_740), report.Videos);
        Assert.Equal(0, ledger.VideoReads);
    }

    /// <summary>The Table ledger, counting the reads of video rows (one row per video of the run).</summary>
    private sealed class CountingLedger(IRunLedger inner) : IRunLedger
    {
        private int _videoReads;
        public int VideoReads => _videoReads;

        public Task UpsertRunAsync(RunRecord run, CancellationToken ct = default) => inner.UpsertRunAsync(run, ct);
        public Task<RunRecord?> GetRunAsync(string runId, CancellationToken ct = default) => inner.GetRunAsync(runId, ct);
        public Task UpsertVideoAsync(string runId, VideoResult result, CancellationToken ct = default) => inner.UpsertVideoAsync(runId, result, ct);

        public Task<VideoResult?> GetVideoAsync(string runId, string videoId, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _videoReads);
            return inner.GetVideoAsync(runId, videoId, ct);
        }

        public Task<IReadOnlyList<VideoResult>> GetVideosAsync(string runId, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _videoReads);
            return inner.GetVideosAsync(runId, ct);
        }

        public Task<VideoPage> GetVideosPageAsync(string runId, string? continuation, int pageSize, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _videoReads);
            return inner.GetVideosPageAsync(runId, continuation, pageSize, ct);
        }
    }

    [Fact]
    public async Task An_unknown_run_reads_as_absent()
    {
        await using var host = await DurableHost.StartAsync(_ => { });
        Assert.Null(await Deadline.Within(Deadline.Short, "status of an unknown run", ct => new RunStatusReader(host.Client, TestStorage.Ledger(azurite), TestStorage.Store(azurite)).ReadAsync("nope-123", ct)));
    }
}
