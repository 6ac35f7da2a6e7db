using System.Globalization;
using System.Text.RegularExpressions;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary><c>adsrec calibrate</c> on real labelled photos from ../shared/data, run as a child process.</summary>
public sealed partial class CalibrateCommandTests
{
    [Fact]
    public async Task Calibrate_prints_both_distributions_and_the_threshold_the_rule_gives_from_them()
    {
        var dir = Directory.CreateTempSubdirectory("adsrec-calibrate-test-").FullName;
        try
        {
            foreach (var id in new[] { "tony_blair", "katy_perry", "colin_powell" })
            {
                Directory.CreateDirectory(Path.Combine(dir, id));
                for (var n = 1; n <= 3; n++) File.Copy(SharedData.Photo(id, n), Path.Combine(dir, id, $"{n}.jpg"));
            }

            var (code, output, error) = await CliProcess.RunAsync("calibrate", dir);

            Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
            Assert.Contains("split all: 3 identities, 9 photos with a face, 0 without", output);
            // 3 identities x 3 photos: 3 x 3 same-person pairs, 27 different-person pairs
            var same = Row().Match(output.Split('\n').Single(l => l.StartsWith("| same person", StringComparison.Ordinal)));
            var diff = Row().Match(output.Split('\n').Single(l => l.StartsWith("| different people", StringComparison.Ordinal)));
            Assert.Equal("9", same.Groups["count"].Value);
            Assert.Equal("27", diff.Groups["count"].Value);
            double D(Match m, string g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
            var (p5, maxDiff) = (D(same, "p5"), D(diff, "max"));
            var expected = p5 > maxDiff ? Math.Round(maxDiff + 0.75 * (p5 - maxDiff), 2) : Math.Floor(maxDiff * 100) / 100 + 0.01;
            var printed = double.Parse(Threshold().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Equal(expected, printed, 0.0051); // the printed distribution is rounded to 3 decimals
            Assert.Contains("histogram", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("no-such-folder", null, "does not exist")]
    [InlineData("PHOTOS", "--split=somewhere", "--split must be calibration, validation, test or all")]
    public async Task Calibrate_refuses_bad_arguments_with_a_usage_error(string folder, string? extra, string message)
    {
        string[] args = folder == "PHOTOS" ? ["calibrate", SharedData.Photos, extra!] : ["calibrate", Path.Combine(Path.GetTempPath(), folder)];
        var (code, _, error) = await CliProcess.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [GeneratedRegex(@"^\| [a-z ]+ \| (?<count>\d+) \| (?<min>-?[\d.]+) \| (?<p1>-?[\d.]+) \| (?<p5>-?[\d.]+) \| (?<median>-?[\d.]+) \| (?<p95>-?[\d.]+) \| (?<p99>-?[\d.]+) \| (?<max>-?[\d.]+) \|")]
    private static partial Regex Row();

    [GeneratedRegex(@"threshold: (\d+\.\d+)")]
    private static partial Regex Threshold();
}
