using System.Globalization;
using System.Text.Json;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Testing;
using Microsoft.DurableTask.Client;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>The real orchestrator with the real activities, in the in-process Durable Task host, on real clips over 127.0.0.1.</summary>
public sealed class AnalyzeAdsOrchestrationTests
{
    private static readonly RunOptions Local = new(AllowPrivateNetwork: true);

    [Fact]
    public async Task Videos_sharing_a_face_are_grouped_and_a_missing_video_is_reported_while_the_run_completes()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        using var run = new TestRun();
        var csv = TestRun.Csv(
            (0.6, server.UriFor("/jolie_a.mp4")),
            (0.3, server.UriFor("/aniston_a.mp4")),
            (0.8, server.UriFor("/jolie_b.mp4")),
            (0.1, server.UriFor("/nobody.mp4")),
            (0.5, server.UriFor("/missing.mp4")),
            (0.5, server.UriFor("/aniston_b.mp4")),
            (0.4, server.UriFor("/jolie_a.mp4")),
            (0.9, server.UriFor("/biden.mp4"))) + "not a number," + server.UriFor("/biden.mp4") + "\n";

        var outcome = await run.RunAsync(csv, Local);

        Assert.Null(outcome.Error);
        Assert.Equal(8, outcome.RowsRead);
        Assert.Equal(1, outcome.SkippedRows);
        var problems = File.ReadAllLines(run.Result(ResultFiles.RowProblems));
        Assert.Equal("Line,Video,Problem", problems[0]);
        Assert.StartsWith("10,video(8),", Assert.Single(problems[1..]), StringComparison.Ordinal);
        var byId = outcome.Videos.ToDictionary(v => v.VideoId);
        Assert.Equal(8, byId.Count);
        Assert.Equal(VideoStatus.Failed, byId["video(4)"].Status);
        Assert.Contains("404", byId["video(4)"].Reason);
        Assert.Equal(VideoStatus.NoFace, byId["video(3)"].Status);
        foreach (var id in new[] { "video(0)", "video(1)", "video(2)", "video(5)", "video(6)", "video(7)" })
            Assert.Equal(VideoStatus.Embedded, byId[id].Status);
        Assert.True(byId["video(6)"].Reused, "a repeated URL reuses the first row's vectors");
        Assert.Equal(1, server.RequestCount("/jolie_a.mp4"));

        var groups = ReadGroups(run.Result(ResultFiles.Groups));
        Assert.Equal(2, groups.Count);
        var jolie = Assert.Single(groups, g => g.Videos.Contains("video(0)"));
        Assert.Equal(["video(0)", "video(2)", "video(6)"], jolie.Videos.Order());
        Assert.Equal(0.6, jolie.Average, 9);
        var aniston = Assert.Single(groups, g => g.Videos.Contains("video(1)"));
        Assert.Equal(["video(1)", "video(5)"], aniston.Videos.Order());
        Assert.Equal(0.4, aniston.Average, 9);
        Assert.Equal(2, outcome.Grouping!.Groups);

        var pairs = File.ReadAllLines(run.Result(ResultFiles.Pairs));
        Assert.Equal(string.Join(',', ResultCsvWriter.PairsHeader), pairs[0]);
        Assert.Equal(4, pairs.Length - 1); // jolie: 3 pairs, aniston: 1 pair
        // each grouped video's face is shown, read from the run's thumbnails when the report is written (5 grouped, 1 ungrouped: video(3) has no face)
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Count(File.ReadAllText(run.Result(ResultFiles.Report)), "<img alt=\"face in video\\([0-9]\\)\" src=\"data:image/jpeg;base64,"));
        Assert.True(File.Exists(Path.Combine(run.OutDir, "videos", "video(7)_perf_0.9.mp4")));
        Assert.True(File.Exists(Path.Combine(run.OutDir, "embeddings", "video(0).npy")));
        var degraded = Path.Combine(run.OutDir, "embeddings", "video(0).degraded.npy");
        Assert.Equal(new FileInfo(Path.Combine(run.OutDir, "embeddings", "video(0).faces.npy")).Length, new FileInfo(degraded).Length); // (k,d) like faces.npy
        Assert.Equal(await File.ReadAllBytesAsync(degraded), await File.ReadAllBytesAsync(Path.Combine(run.OutDir, "embeddings", "video(6).degraded.npy")));

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(run.Result(ResultFiles.Summary)));
        Assert.Equal(1, summary.RootElement.GetProperty("failed").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("noFace").GetInt32());
        Assert.Equal(10, summary.RootElement.GetProperty("skipped")[0].GetProperty("lineNumber").GetInt32());
        // counts, and where the lists are: no per-video or ungrouped list in the summary
        Assert.Equal(1, summary.RootElement.GetProperty("ungrouped").GetInt32());
        Assert.False(summary.RootElement.TryGetProperty("videos", out _));
        Assert.Equal(ResultFiles.Ungrouped, summary.RootElement.GetProperty("lists").GetProperty("ungrouped").GetString());
        Assert.StartsWith($"adsrec videos {outcome.RunId} ", summary.RootElement.GetProperty("lists").GetProperty("videos").GetString(), StringComparison.Ordinal);

        var ledger = await run.Storage.Ledger.GetVideosAsync(outcome.RunId);
        Assert.Equal(8, ledger.Count);
        Assert.Equal(RunStatus.Completed, (await run.Storage.Ledger.GetRunAsync(outcome.RunId))!.Status);
    }

    [Fact]
    public async Task A_transient_download_failure_is_retried_by_the_orchestration_and_succeeds()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        using var run = new TestRun();
        var flaky = server.UriFor("/jolie_b.mp4");
        run.Downloads.FailFirst.Add(flaky);

        var outcome = await run.RunAsync(TestRun.Csv((0.2, server.UriFor("/jolie_a.mp4")), (0.4, flaky)), Local);

        Assert.Equal(2, run.Downloads.Attempts[flaky]);
        Assert.All(outcome.Videos, v => Assert.Equal(VideoStatus.Embedded, v.Status));
        Assert.Equal(1, outcome.Grouping!.Groups);
    }

    [Fact]
    public async Task A_transient_failure_that_persists_fails_only_that_video_after_the_retries()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        server.ServeStatus("/down.mp4", 503);
        using var run = new TestRun();

        var outcome = await run.RunAsync(
            TestRun.Csv((0.2, server.UriFor("/biden.mp4")), (0.4, server.UriFor("/down.mp4"))), Local with { MaxAttempts = 2 });

        var down = Assert.Single(outcome.Videos, v => v.Status == VideoStatus.Failed);
        Assert.Equal("video(1)", down.VideoId);
        Assert.Contains("503", down.Reason);
        Assert.Equal(VideoStatus.Embedded, outcome.Videos.Single(v => v.VideoId == "video(0)").Status);
        Assert.True(File.Exists(run.Result(ResultFiles.Groups)));
    }

    [Fact]
    public async Task A_csv_larger_than_the_batch_size_is_processed_by_sub_orchestrations_and_reruns_reuse_finished_videos()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        using var run = new TestRun();
        var csv = TestRun.Csv(
            (0.1, server.UriFor("/jolie_a.mp4")),
            (0.2, server.UriFor("/aniston_a.mp4")),
            (0.3, server.UriFor("/jolie_b.mp4")),
            (0.4, server.UriFor("/aniston_b.mp4")),
            (0.5, server.UriFor("/jolie_a.mp4")));
        var options = Local with { BatchSize = 2 };
        var batchStatuses = new List<OrchestrationRuntimeStatus?>();

        var first = await run.RunAsync(csv, options, async (client, outcome) =>
        {
            for (var b = 0; b < 3; b++)
                batchStatuses.Add((await client.GetInstanceAsync($"{outcome.RunId}-batch-{b}"))?.RuntimeStatus);
        });

        Assert.Equal(3, first.Batches);
        // each batch ran as its own sub-orchestration (its packed files below); the CLI's host purged them once they completed
        Assert.All(batchStatuses, Assert.Null);
        Assert.Equal(5, first.Videos.Count);
        Assert.All(first.Videos, v => Assert.Equal(VideoStatus.Embedded, v.Status));
        Assert.True(first.Videos.Single(v => v.VideoId == "video(4)").Reused, "row 4 repeats row 0's URL across batches");
        var groups = ReadGroups(run.Result(ResultFiles.Groups));
        Assert.Equal(["video(0)", "video(2)", "video(4)"], Assert.Single(groups, g => g.Videos.Contains("video(0)")).Videos.Order());
        Assert.Equal(0.3, groups.Single(g => g.Videos.Contains("video(0)")).Average, 9);
        // each batch packed its vectors (batch 2 holds only the repeated row 4, copied later: an empty index)
        Assert.Equal(3, Directory.EnumerateFiles(run.OutDir, "batch*.packed.json", SearchOption.AllDirectories).Count());
        Assert.Equal(2, Directory.EnumerateFiles(run.OutDir, "batch*.packed.npy", SearchOption.AllDirectories).Count());
        var groupsCsv = await File.ReadAllTextAsync(run.Result(ResultFiles.Groups));
        var requests = server.TotalRequests;

        var second = await run.RunAsync(csv, options);

        Assert.All(second.Videos, v => Assert.True(v.Reused, $"{v.VideoId} should have been reused"));
        Assert.Equal(requests, server.TotalRequests);
        Assert.Equal(groupsCsv, await File.ReadAllTextAsync(run.Result(ResultFiles.Groups)));
    }

    [Fact]
    public async Task A_rerun_with_another_recogniser_setting_analyses_the_videos_again_instead_of_mixing_vectors()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        using var run = new TestRun();
        var csv = TestRun.Csv((0.1, server.UriFor("/jolie_a.mp4")), (0.2, server.UriFor("/jolie_b.mp4")));
        var first = await run.RunAsync(csv, Local);
        Assert.All(first.Videos, v => Assert.False(v.Reused));
        var requests = server.TotalRequests;
        using var other = new VideoFaceAnalyzer(new FaceModelOptions { DegradedEmbedding = false }.WithModelsDirectory(SharedData.Models), new FaceSamplingOptions());
        Assert.NotEqual(SharedAnalyzer.Value.EmbeddingModelId, other.EmbeddingModelId);

        var second = await run.RunAsync(csv, Local, analyzer: other);

        Assert.All(second.Videos, v => Assert.False(v.Reused, $"{v.VideoId} was made with other settings and must not be reused"));
        Assert.Equal(requests + 2, server.TotalRequests);
        var metaFile = Directory.EnumerateFiles(run.OutDir, "video(0).faces.json", SearchOption.AllDirectories).Single();
        using var meta = JsonDocument.Parse(await File.ReadAllTextAsync(metaFile));
        var stored = meta.RootElement.EnumerateObject().Single(p => p.Name.Equals("EmbeddingModel", StringComparison.OrdinalIgnoreCase)).Value.GetString();
        Assert.Equal(other.EmbeddingModelId, stored);
        Assert.StartsWith("face_recognition_mobilefacenet_128.onnx@", stored);
        Assert.Contains("degraded=0", stored);
    }

    [Fact]
    public async Task Faces_json_records_the_sharpness_of_every_face_for_the_low_quality_pair_gate()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        using var run = new TestRun();

        await run.RunAsync(TestRun.Csv((0.1, server.UriFor("/jolie_a.mp4"))), Local);

        var metaFile = Directory.EnumerateFiles(run.OutDir, "video(0).faces.json", SearchOption.AllDirectories).Single();
        var meta = JsonSerializer.Deserialize<VideoFacesMeta>(await File.ReadAllBytesAsync(metaFile), RunJson.Options)!;
        Assert.NotEmpty(meta.Faces);
        Assert.All(meta.Faces, f => Assert.True(f.Sharpness > 0, $"face {f.Row}: sharpness {f.Sharpness}"));
    }

    internal sealed record GroupRow(IReadOnlyList<string> Videos, double Average);

    internal static List<GroupRow> ReadGroups(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal(string.Join(',', ResultCsvWriter.GroupsHeader), lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split(',');
            return new GroupRow(cells[1].Trim('"').Split(';'), double.Parse(cells[3], CultureInfo.InvariantCulture));
        }).ToList();
    }
}
