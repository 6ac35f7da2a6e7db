using System.Collections.Concurrent;
using System.Globalization;
using AdsRecommender.Cli;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Functions;
using AdsRecommender.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AdsRecommender.Azure.Tests.Functions;

/// <summary>
/// A whole run through the Functions app's own wrappers: both orchestrator functions and all eight activity functions,
/// called by the in-process Durable host with a function context whose services are the app's provider
/// (<see cref="FunctionsAppHost"/>: Blob/Table storage on Azurite, the real models), on real clips over 127.0.0.1.
/// Batches of two rows, a repeated URL, a row that fails after its one attempt and the sharded similarity path make every wrapper run.
/// </summary>
[Collection(AzuriteFixtureCollection.Name)]
public sealed class FunctionsRunTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_through_every_function_wrapper_groups_the_videos_sharing_a_face()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        server.ServeStatus("/busy.mp4", 503); // a transient failure the orchestrator gives up on: recorded by RecordVideo
        using var app = new FunctionsAppHost(azurite);
        var context = app.Context();
        var calls = new ConcurrentDictionary<string, int>();
        T Count<T>(string name, T result) { calls.AddOrUpdate(name, 1, (_, n) => n + 1); return result; }

        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestratorFunc<RunRequest, RunOutcome>(TaskNames.AnalyzeAds, (ctx, _) => Count(TaskNames.AnalyzeAds, OrchestratorFunctions.AnalyzeAds(ctx)))
            .AddOrchestratorFunc<BatchInput, BatchOutcome>(TaskNames.ProcessBatch, (ctx, _) => Count(TaskNames.ProcessBatch, OrchestratorFunctions.ProcessBatch(ctx)))
            .AddActivityFunc<ReadAdsInput, ReadAdsOutput>(TaskNames.ReadAds, (c, i) => Count(TaskNames.ReadAds, ActivityFunctions.ReadAds(i, c.InstanceId, context)))
            .AddActivityFunc<ProcessVideoInput, VideoResult>(TaskNames.ProcessVideo, (c, i) => Count(TaskNames.ProcessVideo, ActivityFunctions.ProcessVideo(i, c.InstanceId, context)))
            .AddActivityFunc<RecordVideoInput, bool>(TaskNames.RecordVideo, (c, i) => Count(TaskNames.RecordVideo, ActivityFunctions.RecordVideo(i, c.InstanceId, context)))
            .AddActivityFunc<CopyDuplicatesInput, VideoTotals>(TaskNames.CopyDuplicates, (c, i) => Count(TaskNames.CopyDuplicates, ActivityFunctions.CopyDuplicates(i, c.InstanceId, context)))
            .AddActivityFunc<GroupVideosInput, GroupVideosOutput>(TaskNames.GroupVideos, (c, i) => Count(TaskNames.GroupVideos, ActivityFunctions.GroupVideos(i, c.InstanceId, context)))
            .AddActivityFunc<PackVectorsInput, int>(TaskNames.PackVectors, (c, i) => Count(TaskNames.PackVectors, ActivityFunctions.PackVectors(i, c.InstanceId, context)))
            .AddActivityFunc<GroupVideosInput, ShardPlan>(TaskNames.PlanSimilarityShards, (c, i) => Count(TaskNames.PlanSimilarityShards, ActivityFunctions.PlanSimilarityShards(i, c.InstanceId, context)))
            .AddActivityFunc<SimilarityTileInput, long>(TaskNames.SimilarityTile, (c, i) => Count(TaskNames.SimilarityTile, ActivityFunctions.SimilarityTile(i, c.InstanceId, context))));

        var store = app.Services.GetRequiredService<IRunStore>();
        var dir = Directory.CreateTempSubdirectory("adsrec-functions-run-").FullName;
        try
        {
            var csv = Path.Combine(dir, $"ads-{Guid.NewGuid():N}"[..12] + ".csv");
            string[] clips = ["jolie_a", "aniston_a", "jolie_b", "aniston_b", "jolie_a", "busy"];
            await File.WriteAllTextAsync(csv, "Performance,Video URL\n" + string.Concat(clips.Select((n, i) =>
                string.Create(CultureInfo.InvariantCulture, $"{0.1 * (i + 1):0.0},{server.UriFor($"/{n}.mp4")}\n"))));
            var (runId, csvName) = await Deadline.Within(Deadline.Short, "staging the CSV", ct => RunSetup.StageCsvAsync(store, csv, ct));
            var options = new RunOptions(AllowPrivateNetwork: true, BatchSize: 2, MaxAttempts: 1) { ShardedSimilarityAboveVideos = 1, SimilarityShardFaces = 2 };
            await host.Client.ScheduleNewOrchestrationInstanceAsync(TaskNames.AnalyzeAds, new RunRequest(runId, csvName, options),
                new StartOrchestrationOptions { InstanceId = runId });
            var done = await Deadline.Within(Deadline.Run, $"run {runId} through the Functions wrappers",
                ct => host.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, ct));

            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
            var outcome = done.ReadOutputAs<RunOutcome>()!;
            Assert.Null(outcome.Error);
            Assert.Equal(6, outcome.RowsRead);
            Assert.Equal((1, 0), (outcome.Totals.Failed, outcome.Totals.NoFace));
            var busy = Assert.Single(await app.Services.GetRequiredService<IRunLedger>().GetVideosAsync(runId), v => v.Status == VideoStatus.Failed);
            Assert.Equal("video(5)", busy.VideoId);
            foreach (var name in new[] { TaskNames.AnalyzeAds, TaskNames.ProcessBatch, TaskNames.ReadAds, TaskNames.ProcessVideo, TaskNames.RecordVideo,
                         TaskNames.CopyDuplicates, TaskNames.GroupVideos, TaskNames.PackVectors, TaskNames.PlanSimilarityShards, TaskNames.SimilarityTile })
                Assert.True(calls.ContainsKey(name), $"{name} was not called through its function wrapper; called: {string.Join(", ", calls.Keys)}");

            await using var groups = await store.OpenReadAsync(runId, RunAreas.Results, ResultFiles.Groups);
            var lines = (await new StreamReader(groups).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length); // header, jolie (videos 0, 2, 4), aniston (1, 3)
            Assert.Contains(lines, l => l.Contains("video(0);video(2);video(4)", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("video(1);video(3)", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
