using System.Globalization;
using System.Text.RegularExpressions;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary><c>adsrec bench --clips</c> on real face videos from ../shared/data, run as a child process.</summary>
public sealed partial class BenchCommandTests
{
    [Fact]
    public async Task Bench_over_a_folder_of_videos_prints_the_time_shares_and_the_face_stage_ratio()
    {
        var dir = Directory.CreateTempSubdirectory("adsrec-bench-test-").FullName;
        try
        {
            foreach (var name in new[] { "obama_whcd__barack_obama.mp4", "hamilton_seg_3.7-7.9s__lin_manuel_miranda.mp4" })
                File.Copy(Path.Combine(SharedData.Videos, name), Path.Combine(dir, name));
            await File.WriteAllTextAsync(Path.Combine(dir, "notes.txt"), "not a video, not benchmarked");

            var (code, output, error) = await CliProcess.RunAsync("bench", "--clips", dir, "--verbose");

            Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
            Assert.Contains("2 videos, ", output);
            Assert.Contains("obama_whcd__barack_obama.mp4: 844x614, 16 frames", output);
            Assert.DoesNotContain("notes.txt", output);
            var ratio = double.Parse(Ratio().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.InRange(ratio, 1.0, 50); // the face stage includes decoding, so it cannot be cheaper than decoding alone
            Assert.Matches(@"per video: median \d+\.\d\d, largest \d+\.\d\d, \d of 2 at most 2", output);
            Assert.Matches(@"process CPU time: \d+\.\d\d", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Bench_refuses_a_folder_without_videos()
    {
        var dir = Directory.CreateTempSubdirectory("adsrec-bench-empty-").FullName;
        try
        {
            var (code, _, error) = await CliProcess.RunAsync("bench", "--clips", dir);
            Assert.Equal(2, code);
            Assert.Contains("holds no videos", error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"face stage / decode only: (\d+\.\d\d) \(")]
    private static partial Regex Ratio();
}
