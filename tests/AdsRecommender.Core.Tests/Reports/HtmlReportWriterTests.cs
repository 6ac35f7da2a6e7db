using System.Text;
using System.Text.RegularExpressions;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Reports;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Tests.Similarity;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Reports;

public sealed class HtmlReportWriterTests
{
    internal static ReportModel SampleModel(string hostileId = "video(<script>alert(1)</script>)")
    {
        var faces = new SyntheticFaces(11);
        var people = Enumerable.Range(0, 4).Select(_ => faces.Identity()).ToArray();
        var rng = new Random(5);
        var ids = Enumerable.Range(0, 24).Select(i => i == 3 ? hostileId : $"video({i})").ToList();
        var sets = ids.Select((id, i) =>
        {
            var who = i < 20 ? people[i % 4] : faces.Identity();
            return new VideoFaceSet(id, Math.Round(rng.NextDouble() * 2 + (i % 4 == 0 ? 1 : 0), 3), faces.Sample(who, 0.7), [faces.Sample(who, 0.7)]);
        }).ToList();
        var result = ResultProjection.Group(sets, new GroupingOptions { Threshold = ThresholdSetting.Auto, MaxDegreeOfParallelism = 1 });
        var videos = sets.Select((s, i) => new VideoResult(s.VideoId, i, s.Performance, VideoStatus.Embedded, null, 1, new StageTimings(10, 20, 30, 40))).ToList();
        videos.Add(new VideoResult("video(24)", 24, 0.3, VideoStatus.Failed, "HTTP 404 <Not Found> & gone", 0, new StageTimings()));
        videos.Add(new VideoResult("video(25)", 25, 0.9, VideoStatus.NoFace, "no face in 40 sampled frames", 0, new StageTimings()));
        var photos = Directory.GetDirectories(SharedData.Photos).Order().Take(4).Select(d => File.ReadAllBytes(Path.Combine(d, "1.jpg"))).ToArray();
        var thumbs = ids.Select((id, i) => (id, i)).Where(t => t.i < 20 || t.i == 21)
            .ToDictionary(t => t.id, t => photos[t.i % 4]);
        return new ReportModel(result, videos, thumbs, RunId: "run-2026-11-25", GeneratedAt: new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    }

    private static string Html(ReportModel model)
    {
        using var ms = new MemoryStream();
        HtmlReportWriter.Write(ms, model);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    [Fact]
    public void Report_is_self_contained()
    {
        var html = Html(SampleModel());
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("src=\"(?!data:)"), html);
        Assert.Contains("src=\"data:image/jpeg;base64,", html);
        Assert.Contains("<svg", html);
    }

    [Fact]
    public void Text_from_the_input_is_html_encoded()
    {
        var html = Html(SampleModel());
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("video(&lt;script&gt;alert(1)&lt;/script&gt;)", html);
        Assert.Contains("HTTP 404 &lt;Not Found&gt; &amp; gone", html);
    }

    [Fact]
    public void Report_shows_threshold_source_groups_and_problem_videos()
    {
        var model = SampleModel();
        var html = Html(model);
        // For a visual check: ADSREC_SAMPLE_REPORT=/tmp/r.html dotnet test ... then open it (or chromium --screenshot).
        if (Environment.GetEnvironmentVariable("ADSREC_SAMPLE_REPORT") is { Length: > 0 } path) File.WriteAllText(path, html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(model.Result.ThresholdSource), html);
        Assert.Equal(model.Result.Groups.Count, Regex.Matches(html, "<h3>Group \\d+</h3>").Count);
        Assert.Equal(4, model.Result.Groups.Count);
        Assert.Contains("no face in 40 sampled frames", html);
        Assert.Contains("class=\"threshold\"", html);
        Assert.Contains("overall mean", html);
        foreach (var v in model.Result.Ungrouped) Assert.Contains(System.Net.WebUtility.HtmlEncode(v), html);
    }

    [Fact]
    public void Groups_show_the_face_that_recurs_not_the_primary_face()
    {
        var result = new GroupingResult([], [new FaceGroup(1, ["x", "y"], 1.5, PerformanceStats.Compute([1, 2], 1.5)) { FaceIndexes = [1, 0] }], [], 0.4f, "fixed 0.40");
        byte[] primaryOfX = [0xFF, 0xD8, 1, 1, 1], secondOfX = [0x89, 0x50, 0x4E, 0x47, 2, 2], primaryOfY = [0xFF, 0xD8, 3, 3];
        var thumbs = new Dictionary<string, byte[]> { ["x"] = primaryOfX, [ReportModel.FaceKey("x", 1)] = secondOfX, ["y"] = primaryOfY };
        var html = Html(new ReportModel(result, [], thumbs));
        Assert.Contains("data:image/png;base64," + Convert.ToBase64String(secondOfX), html);
        Assert.Contains("data:image/jpeg;base64," + Convert.ToBase64String(primaryOfY), html);
        Assert.DoesNotContain(Convert.ToBase64String(primaryOfX), html);
        Assert.Contains("face 2", html);
    }

    [Fact]
    public void An_empty_run_still_renders()
    {
        var model = new ReportModel(new GroupingResult([], [], [], 0.4f, "default 0.40"), [], new Dictionary<string, byte[]>());
        var html = Html(model);
        Assert.Contains("No face recurs", html);
        Assert.EndsWith("</html>\n", html);
    }
}
