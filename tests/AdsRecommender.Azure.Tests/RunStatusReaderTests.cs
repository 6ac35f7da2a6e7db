using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AdsRecommender.Azure.Tests;

[Collection(AzuriteFixtureCollection.Name)]
public sealed class RunStatusReaderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_finished_run_reports_ledger_counts_progress_and_result_blobs()
    {
        var store = TestStorage.Store(azurite);
        var ledger = TestStorage.Ledger(azurite);
        var runId = TestStorage.NewRunId();
        await ledger.UpsertVideoAsync(runId, new VideoResult("video(0)", 0, 1, VideoStatus.Embedded, null, 1, new StageTimings()));
        await ledger.UpsertVideoAsync(runId, new VideoResult("video(1)", 1, 2, VideoStatus.Failed, "HTTP 404 Not Found", 0, new StageTimings()));
        await ledger.UpsertVideoAsync(runId, new VideoResult("video(2)", 2, 3, VideoStatus.NoFace, null, 0, new StageTimings()));
        string[] resultNames = ["similar_pairs_with_avg_performance.csv", "grouped_results.csv"];

        await using var host = await DurableHost.StartAsync(r => r.AddOrchestratorFunc<RunRequest, RunOutcome>(
            TaskNames.AnalyzeAds, (ctx, input) =>
            {
                ctx.SetCustomStatus(new RunProgress(4, 3, 1, 1, RunProgress.Phases.Done, NoFace: 1));
                return new RunOutcome(input.RunId, 4, [new RowProblem(3, "bad performance")], VideoTotals.None, new GroupVideosOutput(resultNames, 0.4f, "default", 0, 0, 1),
                    0, ctx.CurrentUtcDateTime, ctx.CurrentUtcDateTime);
            }));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(TaskNames.AnalyzeAds,
            new RunRequest(runId, "ads.csv", new RunOptions()), new StartOrchestrationOptions { InstanceId = runId });
        await host.Client.WaitForInstanceCompletionAsync(runId);

        var report = await new RunStatusReader(host.Client, ledger, store).ReadAsync(runId);

        Assert.NotNull(report);
        Assert.Equal("Completed", report.Status);
        Assert.Equal(new VideoCounts(4, 1, 1, 1, 1), report.Videos);
        Assert.Equal(RunProgress.Phases.Done, report.Progress!.Phase);
        Assert.Equal(resultNames, report.Results.Select(r => r.Name));
        Assert.Equal($"{azurite.BlobEndpoint}/results/{runId}/grouped_results.csv", report.Results[1].Location);
        Assert.Null(report.Error);
    }

    [Fact]
    public async Task An_unknown_run_reads_as_absent()
    {
        await using var host = await DurableHost.StartAsync(_ => { });
        Assert.Null(await new RunStatusReader(host.Client, TestStorage.Ledger(azurite), TestStorage.Store(azurite)).ReadAsync("nope-123"));
    }
}
