using AdsRecommender.Core.Results;
using AdsRecommender.Functions.Tests.Orchestration;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary>The built CLI, run as a child process against clips served on 127.0.0.1.</summary>
public sealed class CliRunTests
{
    [Fact]
    public async Task Run_writes_both_csvs_with_the_expected_headers_and_prints_a_summary()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        using var run = new TestRun();
        var csv = Path.Combine(run.OutDir, "my ads.csv");
        await File.WriteAllTextAsync(csv, TestRun.Csv(
            (0.7, server.UriFor("/jolie_a.mp4")), (0.5, server.UriFor("/jolie_b.mp4")), (0.2, server.UriFor("/gone.mp4"))));
        var outDir = Path.Combine(run.OutDir, "out");

        var (code, output, error) = await CliProcess.RunAsync("run", csv, "--out", outDir, "--allow-private-network");

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        Assert.Equal(string.Join(',', ResultCsvWriter.PairsHeader), File.ReadLines(Path.Combine(outDir, ResultFiles.Pairs)).First());
        Assert.Equal(string.Join(',', ResultCsvWriter.GroupsHeader), File.ReadLines(Path.Combine(outDir, ResultFiles.Groups)).First());
        Assert.True(File.Exists(Path.Combine(outDir, ResultFiles.Summary)));
        Assert.True(Directory.EnumerateFiles(Path.Combine(outDir, "videos")).Count() == 2);
        Assert.Single(output.Split('\n'), l => l.StartsWith("video(2) perf 0.2: failed: ", StringComparison.Ordinal));
        Assert.Contains("videos failed:    1", output);
        Assert.Contains("threshold:", output);
    }

    [Fact]
    public async Task Run_exits_1_when_no_video_could_be_processed()
    {
        await using var server = new TestHttpServer();
        using var run = new TestRun();
        var csv = Path.Combine(run.OutDir, "ads.csv");
        await File.WriteAllTextAsync(csv, TestRun.Csv((0.7, server.UriFor("/a.mp4")), (0.5, server.UriFor("/b.mp4"))));

        var (code, output, _) = await CliProcess.RunAsync("run", csv, "--out", Path.Combine(run.OutDir, "out"), "--allow-private-network");

        Assert.Equal(1, code);
        Assert.Contains("videos failed:    2", output);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "a.csv", "--out")]
    [InlineData("run", "a.csv", "--out", "x", "--threshold", "lots")]
    [InlineData("run", "a.csv", "--out", "x", "--bogus")]
    [InlineData("frobnicate")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var (code, _, error) = await CliProcess.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("usage:", error);
    }

    [Theory]
    [InlineData("AdsRecommender__MaxParallelAnalyses", "0", "AdsRecommender:MaxParallelAnalyses must be at least 1")]
    [InlineData("AdsRecommender__Threshold", "lots", "AdsRecommender:Threshold")]
    [InlineData("AdsRecommender__Sampling__MaxFrames", "0", "FaceSamplingOptions.MaxFrames = 0 is invalid")]
    public async Task A_bad_setting_exits_2_naming_it_before_any_download(string name, string value, string named)
    {
        await using var server = new TestHttpServer();
        using var run = new TestRun();
        var csv = Path.Combine(run.OutDir, "ads.csv");
        await File.WriteAllTextAsync(csv, TestRun.Csv((0.7, server.UriFor("/a.mp4"))));

        var (code, _, error) = await CliProcess.RunAsync(new Dictionary<string, string> { [name] = value },
            "run", csv, "--out", Path.Combine(run.OutDir, "out"), "--allow-private-network");

        Assert.True(code == 2, $"exit {code}\n{error}");
        Assert.Contains(named, error);
        Assert.Equal(0, server.TotalRequests);
    }

    [Fact]
    public async Task A_killed_run_resumes_without_redoing_finished_videos_and_gives_the_same_results()
    {
        await using var server = new TestHttpServer();
        var clips = await TestClips.ServeAllAsync(server);
        // Two slow downloads at the end keep the run busy long enough to kill it midway.
        server.ServeTrickle("/slow_aniston.mp4", clips["aniston_b.mp4"], TimeSpan.FromMilliseconds(50), 2048);
        server.ServeTrickle("/slow_biden.mp4", clips["biden.mp4"], TimeSpan.FromMilliseconds(50), 2048);
        using var run = new TestRun();
        var csv = Path.Combine(run.OutDir, "ads.csv");
        string[] paths = ["/jolie_a.mp4", "/aniston_a.mp4", "/jolie_b.mp4", "/nobody.mp4", "/slow_aniston.mp4", "/slow_biden.mp4"];
        await File.WriteAllTextAsync(csv, TestRun.Csv(paths.Select((p, i) => (0.1 * (i + 1), server.UriFor(p))).ToArray()));
        var whole = Path.Combine(run.OutDir, "whole");
        var resumed = Path.Combine(run.OutDir, "resumed");

        var (code, output, error) = await CliProcess.RunAsync("run", csv, "--out", whole, "--allow-private-network");
        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");

        using (var killed = CliProcess.Start("run", csv, "--out", resumed, "--allow-private-network"))
        {
            var embeddings = Path.Combine(resumed, "embeddings");
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!(Directory.Exists(embeddings) && Directory.EnumerateFiles(embeddings, "*.faces.json").Any()))
            {
                Assert.False(killed.HasExited, "the run ended before it could be killed: " + killed.Output);
                Assert.True(DateTime.UtcNow < deadline, "no video finished in time");
                await Task.Delay(20);
            }
            killed.Kill();
        }
        var finished = Directory.EnumerateFiles(Path.Combine(resumed, "embeddings"), "*.faces.json")
            .Select(f => int.Parse(Path.GetFileName(f)["video(".Length..Path.GetFileName(f).IndexOf(')')]))
            .ToList();
        Assert.InRange(finished.Count, 1, paths.Length - 1);
        var before = paths.ToDictionary(p => p, server.RequestCount);

        (code, output, error) = await CliProcess.RunAsync("run", csv, "--out", resumed, "--allow-private-network");

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        foreach (var i in finished)
            Assert.Equal(before[paths[i]], server.RequestCount(paths[i]));
        Assert.Contains("(reused)", output);
        // Every output file the same, byte for byte (CSVs, videos, .npy vectors, thumbnails); the report less its generation
        // time; the JSON records (the summary, each video's faces.json) less their timings and which videos were reused.
        Assert.Equal(Relative(whole), Relative(resumed));
        Assert.Contains(Relative(whole), f => f.EndsWith(".npy", StringComparison.Ordinal));
        foreach (var file in Relative(whole))
        {
            if (file.EndsWith(".json", StringComparison.Ordinal))
                Assert.Equal(WithoutTimings(Path.Combine(whole, file)), WithoutTimings(Path.Combine(resumed, file)));
            else if (file == ResultFiles.Report)
                Assert.Equal(WithoutGeneratedTime(Path.Combine(whole, file)), WithoutGeneratedTime(Path.Combine(resumed, file)));
            else
                Assert.True(File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(resumed, file))), $"{file} differs");
        }
        Assert.NotEmpty(File.ReadAllLines(Path.Combine(whole, ResultFiles.Groups)).Skip(1));
    }

    /// <summary>The run's outputs: every file but the run's own bookkeeping (.ledger, with its timestamps).</summary>
    private static List<string> Relative(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f))
            .Where(f => !f.StartsWith(".ledger", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    /// <summary>The report less the minute it was generated (the two runs may straddle a minute).</summary>
    private static string WithoutGeneratedTime(string path) =>
        System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), @"generated \d{4}-\d\d-\d\d \d\d:\d\d UTC", "generated (time)");

    private static string WithoutTimings(string path)
    {
        string[] varying = ["StartedUtc", "FinishedUtc", "TotalTimings", "Timings", "Reused"];
        void Strip(System.Text.Json.Nodes.JsonNode? node)
        {
            if (node is System.Text.Json.Nodes.JsonObject o)
            {
                foreach (var key in o.Select(p => p.Key).Where(k => varying.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList()) o.Remove(key);
                foreach (var (_, child) in o) Strip(child);
            }
            else if (node is System.Text.Json.Nodes.JsonArray a)
            {
                foreach (var child in a) Strip(child);
            }
        }
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path));
        Strip(json);
        return json!.ToJsonString();
    }
}
