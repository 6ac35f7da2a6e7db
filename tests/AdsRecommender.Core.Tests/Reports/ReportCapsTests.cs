using System.Text;
using System.Text.RegularExpressions;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Reports;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Tests.Reports;

/// <summary>
/// A report of a large run lists what a person can take in (the first groups, ungrouped and problem videos up to the
/// model's caps), says how many more there are and where, and keeps the true totals in its summary cards; so its size
/// stays bounded however many videos the run had.
/// </summary>
public sealed class ReportCapsTests
{
    private const int GroupCount = 1_000, UngroupedCount = 5_000, ProblemCount = 3_000;

    // about the size of a real face thumbnail (a 96 px JPEG is a few KB): 4 KB of base64 per image shown
    private static readonly byte[] Thumbnail = [0xFF, 0xD8, .. Enumerable.Range(0, 3_000).Select(i => (byte)i)];

    /// <summary>1,000 groups of 3 videos, 5,000 ungrouped videos, 3,000 failed videos; every face has a thumbnail.</summary>
    private static ReportModel LargeRun(Func<ReportModel, ReportModel>? adjust = null)
    {
        var overall = 1.0;
        var groups = Enumerable.Range(1, GroupCount).Select(n =>
        {
            string[] ids = [$"video({3 * n})", $"video({3 * n + 1})", $"video({3 * n + 2})"];
            double[] perf = [1 + n % 7 * 0.1, 1.2, 0.9];
            return new FaceGroup(n, ids, perf.Average(), PerformanceStats.Compute(perf, overall)) { FaceIndexes = [0, 0, 0], Cohesion = 0.6f };
        }).ToList();
        var ungrouped = Enumerable.Range(0, UngroupedCount).Select(i => $"video({10_000 + i})").ToList();
        var performance = groups.SelectMany(g => g.Videos).Concat(ungrouped).ToDictionary(v => v, _ => overall);
        var result = new GroupingResult([], groups, ungrouped, 0.4f, "fixed 0.40") { Performance = performance, VideoCount = performance.Count, FaceCount = performance.Count };
        var outcomes = new VideoOutcomes(ReportModel.DefaultMaxProblemRows);
        foreach (var v in performance.Keys) outcomes.Add(new VideoResult(v, 0, overall, VideoStatus.Embedded, null, 1, new StageTimings()));
        for (var i = 0; i < ProblemCount; i++)
            outcomes.Add(new VideoResult($"video({20_000 + i})", 20_000 + i, 0.5, VideoStatus.Failed, "HTTP 404", 0, new StageTimings()));
        var model = new ReportModel(result, [], new Dictionary<string, byte[]>(), RunId: "run-large", GeneratedAt: new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero))
        {
            Outcomes = outcomes,
            ThumbnailSource = (_, _) => Thumbnail,
        };
        return adjust is null ? model : adjust(model);
    }

    private static string Html(ReportModel model)
    {
        using var ms = new MemoryStream();
        HtmlReportWriter.Write(ms, model);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static string Section(string html, string heading)
    {
        var start = html.IndexOf($"<h2>{heading}</h2>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section '{heading}'");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void A_large_run_shows_the_caps_and_how_many_more_are_where()
    {
        var model = LargeRun();
        var html = Html(model);

        var groups = Section(html, "Groups");
        Assert.Equal(model.MaxGroupCards, Regex.Count(groups, "<h3>Group \\d+</h3>"));
        Assert.Contains("<h3>Group 1</h3>", groups);
        Assert.Contains($"<h3>Group {model.MaxGroupCards}</h3>", groups);
        Assert.Contains($"and {GroupCount - model.MaxGroupCards} more groups in {ResultFiles.Groups}", groups);
        Assert.Equal(3 * model.MaxGroupCards, Regex.Count(groups, "<img ")); // groups of 3: every member shown

        var chart = Section(html, "Groups vs overall mean");
        Assert.Equal(model.MaxChartGroups, Regex.Count(chart, "<rect [^>]*class=\"bar "));
        Assert.Contains($"the first {model.MaxChartGroups} of {GroupCount} groups", chart);

        var ungrouped = Section(html, "Ungrouped videos");
        Assert.Equal(model.MaxUngroupedThumbnails, Regex.Count(ungrouped, "<figure class=\"thumb\">"));
        Assert.Contains($"and {UngroupedCount - model.MaxUngroupedThumbnails} more ungrouped videos in {ResultFiles.Ungrouped}", ungrouped);

        var problems = Section(html, "Videos without a usable face");
        Assert.Equal(model.MaxProblemRows, Regex.Count(problems, "<tr><td>video\\("));
        Assert.Contains("<tr><td>video(20000)</td>", problems); // the first in row order
        Assert.Contains($"and {ProblemCount - model.MaxProblemRows} more: ", problems);
        Assert.Contains("<code>adsrec videos run-large --out &lt;the run's folder&gt;</code>", problems);
        Assert.Contains("<code>GET /api/runs/run-large/videos</code>", problems);

        // the cards count everything, shown or not
        Assert.Contains(Card("Videos", 3 * GroupCount + UngroupedCount + ProblemCount), html);
        Assert.Contains(Card("Groups", GroupCount), html);
        Assert.Contains("<div class=\"value\">0 / 3000</div>", html);
    }

    /// <summary>
    /// The bound is what the caps allow (3.1 MB: 700 thumbnails of 4 KB of base64), far below the 34 MB of every
    /// thumbnail of this run: a report without the caps fails it.
    /// </summary>
    [Fact]
    public void A_large_run_report_stays_small()
    {
        var bytes = Encoding.UTF8.GetByteCount(Html(LargeRun()));
        Assert.True(bytes < 4_000_000, $"report of {GroupCount} groups and {UngroupedCount} ungrouped videos: {bytes:N0} bytes");
    }

    [Fact]
    public void Caps_are_settings_and_a_list_within_them_has_no_more_line()
    {
        var html = Html(LargeRun(m => m with { MaxGroupCards = 1_000, MaxChartGroups = 2, MaxUngroupedThumbnails = 7, MaxProblemRows = 3_000 }));
        Assert.Equal(GroupCount, Regex.Count(Section(html, "Groups"), "<h3>Group \\d+</h3>"));
        Assert.DoesNotContain(" more groups in ", html);
        Assert.Equal(2, Regex.Count(Section(html, "Groups vs overall mean"), "<rect [^>]*class=\"bar "));
        Assert.Equal(7, Regex.Count(Section(html, "Ungrouped videos"), "<figure class=\"thumb\">"));
        // the run's outcomes kept the first 200 problem videos: a larger cap lists those and counts the rest
        Assert.Equal(ReportModel.DefaultMaxProblemRows, Regex.Count(Section(html, "Videos without a usable face"), "<tr><td>video\\("));
    }

    [Fact]
    public void A_group_card_shows_its_first_videos_and_counts_the_rest()
    {
        var ids = Enumerable.Range(0, 100).Select(i => $"video({i})").ToList();
        var group = new FaceGroup(1, ids, 1, PerformanceStats.Compute(ids.Select(_ => 1.0), 1)) { FaceIndexes = ids.Select(_ => 0).ToList() };
        var model = new ReportModel(new GroupingResult([], [group], [], 0.4f, "fixed 0.40"), [], new Dictionary<string, byte[]>()) { ThumbnailSource = (_, _) => Thumbnail };
        var card = Section(Html(model), "Groups");
        Assert.Equal(model.MaxGroupThumbnails, Regex.Count(card, "<img "));
        Assert.Contains($">video({model.MaxGroupThumbnails - 1})<", card);
        Assert.DoesNotContain($">video({model.MaxGroupThumbnails})<", card);
        Assert.Contains($"and {100 - model.MaxGroupThumbnails} more videos of group 1 in {ResultFiles.Groups}", card);
        Assert.Contains("<span class=\"pill\">100 videos</span>", card);
    }

    [Fact]
    public void Render_and_the_streamed_report_are_the_same_document()
    {
        var model = LargeRun();
        Assert.Equal(HtmlReportWriter.Render(model), Html(model));
    }

    private static string Card(string label, int value) =>
        $"<div class=\"label\">{label}</div><div class=\"value\">{value}</div>";
}
