using AdsRecommender.Core.Results;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary><c>adsrec demo</c> end to end as a child process: clips composed with ffmpeg, served, run, grouped.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_demo_builds_its_ten_clips_and_groups_them_by_the_people_in_them()
    {
        var dir = Directory.CreateTempSubdirectory("adsrec-demo-test-").FullName;
        try
        {
            var (code, output, error) = await CliProcess.RunAsync("demo", "--out", dir);

            Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
            Assert.Contains("Composing 10 sample ad clips", output);
            Assert.Equal(10, Directory.EnumerateFiles(Path.Combine(dir, "sample-clips"), "*.mp4").Count());
            Assert.True(File.Exists(Path.Combine(dir, "report.html")));
            // Who is in which clip, from the sample's own description (rows: 0 jolie_a, 1 aniston_a, 2 biden_a, 3 jolie_b,
            // 4 no_face, 5 aniston_b, 6 Aniston and Obama side by side, 7 biden_b, 8 jolie_c, 9 the real Obama video).
            int[][] people = [[0, 3, 8], [1, 5, 6], [2, 7], [6, 9]];
            var expected = people.Select(p => string.Join(' ', p.Select(i => $"video({i})").Order(StringComparer.Ordinal)));
            var groups = File.ReadLines(Path.Combine(dir, ResultFiles.Groups)).Skip(1)
                .Select(l => string.Join(' ', l.Split(',')[1].Split(';').Order(StringComparer.Ordinal)));
            Assert.Equal(expected.Order(StringComparer.Ordinal), groups.Order(StringComparer.Ordinal));
            // the sample CSV's row with no performance (line 12) is skipped and reported
            Assert.Contains("line 12 (video(10))", await File.ReadAllTextAsync(Path.Combine(dir, ResultFiles.Summary)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
