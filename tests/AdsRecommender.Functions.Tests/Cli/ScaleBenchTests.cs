using System.Globalization;
using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using AdsRecommender.RunBench;
using AdsRecommender.Core.Results;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary><c>adsrec-bench scale</c> run as a child process on a small N, checked against a naive double loop.</summary>
public sealed partial class ScaleBenchTests
{
    [Fact]
    public async Task Bench_scale_writes_exactly_the_pairs_a_naive_loop_finds_and_prints_the_closing_line()
    {
        var dir = Directory.CreateTempSubdirectory("adsrec-scale-test-").FullName;
        try
        {
            var (code, output, error) = await CliProcess.RunBenchAsync("scale", "--videos", "600", "--seed", "4", "--grouping-only", "--out", dir);

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
            var (code, output, error) = await CliProcess.RunBenchAsync("scale", "--videos", "250", "--seed", "4", "--batch-size", "20",
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
    public async Task The_sharded_path_of_the_real_orchestration_writes_the_same_csvs_as_the_grouping_activity_alone()
    {
        var single = Directory.CreateTempSubdirectory("adsrec-scale-single-").FullName;
        var sharded = Directory.CreateTempSubdirectory("adsrec-scale-sharded-").FullName;
        try
        {
            // 700 videos in batches of 100; sharded: shards of 160 faces, so 5 shards and 15 tile activities
            string[] common = ["scale", "--videos", "700", "--seed", "6", "--batch-size", "100"];
            var (code1, output1, error1) = await CliProcess.RunBenchAsync([.. common, "--sharded-above", "0", "--out", single]);
            var (code2, output2, error2) = await CliProcess.RunBenchAsync([.. common, "--sharded-above", "500", "--shard-faces", "160", "--out", sharded]);

            Assert.True(code1 == 0, $"exit {code1}\n{output1}\n{error1}");
            Assert.True(code2 == 0, $"exit {code2}\n{output2}\n{error2}");
            Assert.Empty(Directory.GetFiles(single, "tile*.pairs.bin", SearchOption.AllDirectories));
            Assert.Equal(15, Directory.GetFiles(sharded, "tile*.pairs.bin", SearchOption.AllDirectories).Length);
            foreach (var name in new[] { ResultFiles.Pairs, ResultFiles.Groups, ResultFiles.Ungrouped })
            {
                var a = File.ReadAllBytes(Assert.Single(Directory.GetFiles(single, name, SearchOption.AllDirectories)));
                var b = File.ReadAllBytes(Assert.Single(Directory.GetFiles(sharded, name, SearchOption.AllDirectories)));
                Assert.True(a.Length > 200, $"{name}: {a.Length} bytes");
                Assert.True(a.AsSpan().SequenceEqual(b), $"{name} differs between the single and the sharded path");
            }
        }
        finally
        {
            Directory.Delete(single, recursive: true);
            Directory.Delete(sharded, recursive: true);
        }
    }

    [Fact]
    public async Task Bench_scale_without_a_video_count_is_a_usage_error()
    {
        var (code, _, error) = await CliProcess.RunBenchAsync("scale");
        Assert.Equal(2, code);
        Assert.Contains("--videos", error);
    }

    [GeneratedRegex(@"^scale videos=(?<videos>\d+) wall_s=\d+\.\d\d per_video_ms=\d+\.\d{3} group_s=\d+\.\d\d pairs=(?<pairs>\d+) peak_rss_mb=(?<rss>\d+) status_bytes=(?<status>n/a|\d+) history_bytes=(?<history>n/a|\d+)$", RegexOptions.Multiline)]
    private static partial Regex Closing();

    [GeneratedRegex(@"threshold (\d\.\d{3})\)")]
    private static partial Regex Threshold();
}
