using System.Globalization;
using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using AdsRecommender.Cli.Bench;
using AdsRecommender.Core.Results;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary><c>adsrec bench scale</c> run as a child process on a small N, checked against a naive double loop.</summary>
public sealed partial class ScaleBenchTests
{
    [Fact]
    public async Task Bench_scale_writes_exactly_the_pairs_a_naive_loop_finds_and_prints_the_closing_line()
    {
        var dir = Directory.CreateTempSubdirectory("adsrec-scale-test-").FullName;
        try
        {
            var (code, output, error) = await CliProcess.RunAsync("bench", "scale", "--videos", "600", "--seed", "4", "--grouping-only", "--out", dir);

            Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
            var line = Closing().Match(output);
            Assert.True(line.Success, output);
            Assert.Equal("600", line.Groups["videos"].Value);
            Assert.Equal("n/a", line.Groups["status"].Value);
            var printedPairs = int.Parse(line.Groups["pairs"].Value, CultureInfo.InvariantCulture);
            Assert.InRange(double.Parse(line.Groups["rss"].Value, CultureInfo.InvariantCulture), 10, 2048);
            var threshold = double.Parse(Threshold().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);

            var rows = File.ReadAllLines(Path.Combine(dir, ResultFiles.Pairs)).Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(printedPairs, rows.Count);
            var written = rows.Select(r => (r[0], r[1])).ToHashSet();
            Assert.Equal(rows.Count, written.Count);

            var videos = ScaleBench.SyntheticVideos(600, 4);
            var sure = new HashSet<(string, string)>();
            var possible = new HashSet<(string, string)>();
            for (var i = 0; i < videos.Count; i++)
            for (var j = i + 1; j < videos.Count; j++)
            {
                var c = TensorPrimitives.CosineSimilarity(videos[i].Primary, videos[j].Primary);
                if (c >= threshold - 1e-5) possible.Add((videos[i].VideoId, videos[j].VideoId));
                if (c >= threshold + 1e-5) sure.Add((videos[i].VideoId, videos[j].VideoId));
            }
            Assert.True(sure.Count > 100, $"only {sure.Count} planted pairs");
            Assert.True(sure.IsSubsetOf(written), $"{sure.Except(written).Count()} pairs missing");
            Assert.True(written.IsSubsetOf(possible), $"{written.Except(possible).Count()} pairs below the threshold");
            Assert.True(File.ReadAllLines(Path.Combine(dir, ResultFiles.Groups)).Length > 50);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Bench_scale_runs_the_real_orchestration_and_prints_payload_and_history_sizes()
    {
        var dir = Directory.CreateTempSubdirectory("adsrec-scale-run-test-").FullName;
        try
        {
            // 250 rows in batches of 20, 5 per generation: 13 batches, the run continues as new twice
            var (code, output, error) = await CliProcess.RunAsync("bench", "scale", "--videos", "250", "--seed", "4", "--batch-size", "20",
                "--batches-per-generation", "5", "--out", dir);

            Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
            var line = Closing().Match(output);
            Assert.True(line.Success, output);
            Assert.Contains("250 embedded, 13 batches of 20, 3 executions", output);
            var results = Directory.GetFiles(dir, ResultFiles.Pairs, SearchOption.AllDirectories);
            Assert.Equal(int.Parse(line.Groups["pairs"].Value, CultureInfo.InvariantCulture), File.ReadAllLines(Assert.Single(results)).Length - 1);
            Assert.InRange(int.Parse(line.Groups["status"].Value, CultureInfo.InvariantCulture), 200, 4096);
            Assert.InRange(int.Parse(line.Groups["history"].Value, CultureInfo.InvariantCulture), 1000, 1_000_000);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Bench_scale_without_a_video_count_is_a_usage_error()
    {
        var (code, _, error) = await CliProcess.RunAsync("bench", "scale");
        Assert.Equal(2, code);
        Assert.Contains("--videos", error);
    }

    [GeneratedRegex(@"^scale videos=(?<videos>\d+) wall_s=\d+\.\d\d per_video_ms=\d+\.\d{3} group_s=\d+\.\d\d pairs=(?<pairs>\d+) peak_rss_mb=(?<rss>\d+) status_bytes=(?<status>n/a|\d+) history_bytes=(?<history>n/a|\d+)$", RegexOptions.Multiline)]
    private static partial Regex Closing();

    [GeneratedRegex(@"threshold (\d\.\d{3})\)")]
    private static partial Regex Threshold();
}
