using System.Globalization;
using System.Net;
using System.Text;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Reports;

/// <summary>
/// Writes one self-contained HTML file: inline CSS, inline SVG charts, thumbnails as base64 data URIs, no scripts and no
/// external assets. Every piece of text from the input (video ids, reasons) is HTML-encoded. The document is written
/// piece by piece to the output (never held whole) and lists what a person can take in: the first groups, ungrouped
/// videos and problem videos up to the model's caps, each list followed by how many more there are and where they are.
/// </summary>
public static class HtmlReportWriter
{
    public static void Write(Stream stream, ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(model);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true);
        Write(w, model);
    }

    /// <summary>The whole document as a string (small reports, tests); a run's report goes through <see cref="Write(Stream, ReportModel)"/>.</summary>
    public static string Render(ReportModel model)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        Write(w, model);
        return w.ToString();
    }

    public static void Write(TextWriter w, ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(model);
        var r = model.Result;
        var overall = r.Overall?.Mean ?? double.NaN;
        var tally = model.Counts();
        w.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">");
        w.Write("<title>"); w.Write(E(model.Title)); w.Write("</title><style>"); w.Write(Css); w.Write("</style></head><body>");

        w.Write("<header><h1>"); w.Write(E(model.Title)); w.Write("</h1><p class=\"muted\">");
        if (model.RunId is not null) { w.Write("Run <code>"); w.Write(E(model.RunId)); w.Write("</code> · "); }
        w.Write("generated ");
        w.Write(E((model.GeneratedAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        w.Write("</p></header><main>");

        Summary(w, model, tally, overall);
        GroupChart(w, model, overall);

        w.Write("<section><h2>Similarity distribution</h2>");
        w.Write(SvgCharts.Histogram(r.Histogram, r.Threshold));
        w.Write("<p class=\"muted\">Pairs to the right of the threshold (blue) are treated as the same person. Threshold source: ");
        w.Write(E(r.ThresholdSource)); w.Write(".</p></section>");

        Groups(w, model, overall);
        Pairs(w, model);
        Ungrouped(w, model);
        Problems(w, model, tally);
        SkippedRows(w, model);

        w.Write("</main><footer class=\"muted\">AdsRecommender · cosine similarity of face embeddings · groups are people found in two or more videos</footer></body></html>\n");
    }

    private static void Summary(TextWriter w, ReportModel model, VideoOutcomes tally, double overall)
    {
        var r = model.Result;
        w.Write("<section class=\"cards\">");
        // the true totals, however much of each list is shown below
        Card(w, "Videos", (tally.Total > 0 ? tally.Total : r.VideoCount).ToString(CultureInfo.InvariantCulture));
        Card(w, "With a face", r.VideoCount.ToString(CultureInfo.InvariantCulture));
        Card(w, "Faces found", r.FaceCount.ToString(CultureInfo.InvariantCulture));
        Card(w, "No face / failed", string.Create(CultureInfo.InvariantCulture, $"{tally.NoFace} / {tally.Failed}"));
        Card(w, "Groups", r.Groups.Count.ToString(CultureInfo.InvariantCulture));
        Card(w, "Similar pairs", r.Pairs.Count.ToString(CultureInfo.InvariantCulture));
        Card(w, "Threshold", r.Threshold.ToString("0.00", CultureInfo.InvariantCulture), r.ThresholdSource);
        Card(w, "Overall mean", Num(overall), r.Overall is { N: > 1 } o ? $"n={o.N}, sd {Num(o.StandardDeviation)}" : null);
        w.Write("</section>");
    }

    private static void Card(TextWriter w, string label, string value, string? note = null)
    {
        w.Write("<div class=\"card\"><div class=\"label\">"); w.Write(E(label)); w.Write("</div><div class=\"value\">"); w.Write(E(value)); w.Write("</div>");
        if (note is not null) { w.Write("<div class=\"note\">"); w.Write(E(note)); w.Write("</div>"); }
        w.Write("</div>");
    }

    /// <summary>Groups shown as cards: the first <see cref="ReportModel.MaxGroupCards"/> in report order (size, then mean performance).</summary>
    private static int ShownGroups(ReportModel model) => Math.Clamp(model.MaxGroupCards, 0, model.Result.Groups.Count);

    private static void GroupChart(TextWriter w, ReportModel model, double overall)
    {
        var groups = model.Result.Groups;
        w.Write("<section><h2>Groups vs overall mean</h2>");
        var plotted = Math.Min(ShownGroups(model), Math.Max(0, model.MaxChartGroups));
        if (groups.Count == 0) w.Write("<p class=\"muted\">No face recurs in two or more videos at this threshold.</p>");
        else
        {
            w.Write("<p class=\"muted\">Bar: group mean performance; whiskers: 95% confidence interval of the mean; dashed line: mean of all videos with a face. Grey bars have fewer than ");
            w.Write(PerformanceStats.MinEvidence.ToString(CultureInfo.InvariantCulture)); w.Write(" videos (low evidence).");
            // one bar per group would make a chart as tall as the run is large: the largest groups stand for the rest
            if (plotted < groups.Count)
                w.Write(string.Create(CultureInfo.InvariantCulture, $" Plotted: the first {plotted} of {groups.Count} groups (largest first); all are in {ResultFiles.Groups}."));
            w.Write("</p>");
            if (plotted > 0) w.Write(SvgCharts.GroupPerformance(Take(groups, plotted), overall));
        }
        w.Write("</section>");
    }

    private static void Groups(TextWriter w, ReportModel model, double overall)
    {
        var r = model.Result;
        if (r.Groups.Count == 0) return;
        var shown = Take(r.Groups, ShownGroups(model));
        // the CI bars share one scale: that of the groups shown
        var bounds = shown.SelectMany(g => new[] { g.Stats.CiLow, g.Stats.CiHigh, g.Stats.Mean }).Append(overall).Where(double.IsFinite).ToList();
        var (min, max) = bounds.Count == 0 ? (0.0, 1.0) : (bounds.Min(), bounds.Max());
        w.Write("<section><h2>Groups</h2>");
        foreach (var g in shown)
        {
            var s = g.Stats;
            w.Write("<article class=\"group\"><div class=\"ghead\"><h3>Group "); w.Write(Int(g.Number)); w.Write("</h3><span class=\"pill\">");
            w.Write(Int(g.Videos.Count)); w.Write(" videos</span>");
            if (g.People > 1) { w.Write("<span class=\"pill\">"); w.Write(Int(g.People)); w.Write(" people</span>"); }
            if (s.LowEvidence) w.Write("<span class=\"pill warn\">low evidence</span>");
            w.Write("</div><div class=\"stats\"><span>mean <b>"); w.Write(Num(s.Mean)); w.Write("</b></span>");
            w.Write("<span>median "); w.Write(Num(s.Median)); w.Write("</span>");
            w.Write("<span>sd "); w.Write(Num(s.StandardDeviation)); w.Write("</span>");
            w.Write("<span>95% CI "); w.Write(double.IsFinite(s.CiLow) ? $"[{Num(s.CiLow)}, {Num(s.CiHigh)}]" : "n/a"); w.Write("</span>");
            w.Write("<span>lift "); w.Write(s.Lift is { } l ? l.ToString("0.00×", CultureInfo.InvariantCulture) : "n/a"); w.Write("</span>");
            w.Write("<span>cohesion "); w.Write(g.Cohesion.ToString("0.00", CultureInfo.InvariantCulture)); w.Write("</span>");
            w.Write(SvgCharts.CiBar(s, min, max)); w.Write("</div><div class=\"thumbs\">");
            var thumbs = Math.Clamp(model.MaxGroupThumbnails, 0, g.Videos.Count);
            for (var k = 0; k < thumbs; k++)
            {
                var v = g.Videos[k];
                Thumb(w, model, v, r.Performance.TryGetValue(v, out var p) ? p : double.NaN, k < g.FaceIndexes.Count ? g.FaceIndexes[k] : 0);
            }
            w.Write("</div>");
            More(w, g.Videos.Count - thumbs, string.Create(CultureInfo.InvariantCulture, $"videos of group {g.Number}"), ResultFiles.Groups);
            w.Write("</article>");
        }
        More(w, r.Groups.Count - shown.Count, "groups", ResultFiles.Groups);
        w.Write("</section>");
    }

    private static void Thumb(TextWriter w, ReportModel model, string videoId, double performance, int faceIndex = 0)
    {
        w.Write("<figure class=\"thumb\">");
        if (model.ThumbnailFor(videoId, faceIndex) is { } bytes)
        {
            w.Write("<img alt=\"face in "); w.Write(E(videoId)); w.Write("\" src=\"data:"); w.Write(MimeOf(bytes)); w.Write(";base64,");
            w.Write(Convert.ToBase64String(bytes)); w.Write("\">");
        }
        else
            w.Write("<div class=\"noimg\">no image</div>");
        w.Write("<figcaption>"); w.Write(E(videoId)); w.Write("<br><span class=\"muted\">"); w.Write(Num(performance));
        if (faceIndex > 0) { w.Write(" · face "); w.Write(Int(faceIndex + 1)); }
        w.Write("</span></figcaption></figure>");
    }

    private static void Pairs(TextWriter w, ReportModel model)
    {
        var pairs = model.Result.Pairs;
        w.Write("<section><h2>Similar pairs (primary faces)</h2>");
        if (pairs.Count == 0)
        {
            w.Write("<p class=\"muted\">No pair of primary faces reaches the threshold.</p></section>");
            return;
        }
        w.Write("<table><thead><tr><th>Video 1</th><th>Video 2</th><th class=\"n\">Similarity</th><th class=\"n\">Performance 1</th><th class=\"n\">Performance 2</th><th class=\"n\">Average</th></tr></thead><tbody>");
        foreach (var p in pairs.Take(model.MaxPairRows))
        {
            w.Write("<tr><td>"); w.Write(E(p.Video1)); w.Write("</td><td>"); w.Write(E(p.Video2)); w.Write("</td><td class=\"n\">");
            w.Write(p.Similarity.ToString("0.000", CultureInfo.InvariantCulture)); w.Write("</td><td class=\"n\">"); w.Write(Num(p.Performance1));
            w.Write("</td><td class=\"n\">"); w.Write(Num(p.Performance2)); w.Write("</td><td class=\"n\">"); w.Write(Num(p.AveragePerformance)); w.Write("</td></tr>");
        }
        w.Write("</tbody></table>");
        if (pairs.Count > model.MaxPairRows)
            w.Write(string.Create(CultureInfo.InvariantCulture, $"<p class=\"muted\">Showing {model.MaxPairRows} of {pairs.Count} pairs; all are in the pairs CSV.</p>"));
        w.Write("</section>");
    }

    private static void Ungrouped(TextWriter w, ReportModel model)
    {
        var r = model.Result;
        w.Write("<section><h2>Ungrouped videos</h2>");
        if (r.Ungrouped.Count == 0)
        {
            w.Write("<p class=\"muted\">Every video with a face shares it with another video.</p></section>");
            return;
        }
        var shown = Math.Clamp(model.MaxUngroupedThumbnails, 0, r.Ungrouped.Count);
        w.Write("<p class=\"muted\">A face was found, but it matches no face in another video.</p><div class=\"thumbs small\">");
        for (var i = 0; i < shown; i++)
        {
            var v = r.Ungrouped[i];
            Thumb(w, model, v, r.Performance.TryGetValue(v, out var p) ? p : double.NaN);
        }
        w.Write("</div>");
        More(w, r.Ungrouped.Count - shown, "ungrouped videos", ResultFiles.Ungrouped);
        w.Write("</section>");
    }

    private static void Problems(TextWriter w, ReportModel model, VideoOutcomes tally)
    {
        w.Write("<section><h2>Videos without a usable face</h2>");
        if (tally.Problems == 0)
        {
            w.Write("<p class=\"muted\">None: every video was processed and had a face.</p></section>");
            return;
        }
        var shown = tally.FirstProblems.Take(Math.Max(0, model.MaxProblemRows)).ToList();
        w.Write("<table><thead><tr><th>Video</th><th>Status</th><th class=\"n\">Performance</th><th>Reason</th></tr></thead><tbody>");
        foreach (var v in shown)
        {
            var status = v.Status switch { VideoStatus.NoFace => "no face", VideoStatus.Failed => "failed", _ => "not processed" };
            w.Write("<tr><td>"); w.Write(E(v.VideoId)); w.Write("</td><td><span class=\"pill "); w.Write(v.Status == VideoStatus.Failed ? "bad" : "warn"); w.Write("\">");
            w.Write(status); w.Write("</span></td><td class=\"n\">"); w.Write(Num(v.Performance)); w.Write("</td><td>"); w.Write(E(v.Reason ?? "")); w.Write("</td></tr>");
        }
        w.Write("</tbody></table>");
        var rest = tally.Problems - shown.Count;
        if (rest > 0)
        {
            // the ledger lists every video with its status and reason; name the run so the command can be pasted
            var run = E(model.RunId ?? "<run id>");
            w.Write(string.Create(CultureInfo.InvariantCulture, $"<p class=\"muted\">and {rest} more: every video with its status and reason is listed by <code>adsrec videos {run} --out &lt;the run's folder&gt;</code> (CLI; <code>--storage &lt;connection string&gt;</code> for a run in Azure Storage) or <code>GET /api/runs/{run}/videos</code> (Azure).</p>"));
        }
        w.Write("</section>");
    }

    private static void SkippedRows(TextWriter w, ReportModel model)
    {
        if (model.SkippedRows == 0) return;
        w.Write("<section><h2>Skipped CSV rows</h2><p class=\"muted\">"); w.Write(Int(model.SkippedRows));
        w.Write(" rows of the input CSV could not be read and were skipped.</p>");
        w.Write("<table><thead><tr><th class=\"n\">Line</th><th>Video</th><th>Problem</th></tr></thead><tbody>");
        foreach (var p in model.FirstSkipped)
        {
            w.Write("<tr><td class=\"n\">"); w.Write(Int(p.LineNumber)); w.Write("</td><td>"); w.Write(E(p.VideoId)); w.Write("</td><td>"); w.Write(E(p.Reason)); w.Write("</td></tr>");
        }
        w.Write("</tbody></table>");
        if (RowProblemsCsv.More(model.SkippedRows, model.FirstSkipped.Count, ResultFiles.RowProblems) is { } more)
        {
            w.Write("<p class=\"muted\">"); w.Write(E(more)); w.Write(".</p>");
        }
        w.Write("</section>");
    }

    /// <summary>The line under a cut list: how many are not shown and which result file has them all.</summary>
    private static void More(TextWriter w, int rest, string what, string file)
    {
        if (rest <= 0) return;
        w.Write(string.Create(CultureInfo.InvariantCulture, $"<p class=\"muted\">and {rest} more {what} in {E(file)}</p>"));
    }

    private static IReadOnlyList<T> Take<T>(IReadOnlyList<T> list, int count) =>
        count >= list.Count ? list : list.Take(count).ToList();

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string MimeOf(byte[] b) =>
        b.Length > 3 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 ? "image/png" : "image/jpeg";

    private static string Num(double v) => double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private const string Css = """
        :root{--fg:#1d2330;--muted:#667085;--line:#e4e7ec;--bg:#f7f8fa;--up:#2e7d5b;--down:#c2553d;--low:#98a2b3;--acc:#2f6fdf}
        *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        header{padding:20px 32px 8px}h1{margin:0 0 4px;font-size:24px}h2{font-size:18px;margin:0 0 10px}h3{margin:0;font-size:16px}
        main{padding:0 32px 24px;max-width:1180px}section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin:14px 0}
        .muted{color:var(--muted)}code{font-size:12px}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:10px;background:none;border:none;padding:0}
        .card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:10px 12px}
        .card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}.card .value{font-size:22px;font-weight:600}
        .card .note{color:var(--muted);font-size:11px;overflow-wrap:anywhere}
        .chart{max-width:100%;height:auto;display:block}.chart text{font-size:11px;fill:var(--muted)}.chart .label{fill:var(--fg);font-size:12px}
        .grid{stroke:var(--line)}.axis{stroke:#98a2b3}.bar.up{fill:var(--up)}.bar.down{fill:var(--down)}.bar.low{fill:var(--low)}
        .whisker{stroke:var(--fg);stroke-width:1.5}.mean{stroke:var(--fg);stroke-dasharray:4 3;stroke-width:1.2}
        .hbar{fill:#b8c2d3}.hbar.hi{fill:var(--acc)}.threshold{stroke:#d92d20;stroke-width:2}.chart .thr{fill:#d92d20}
        .group{border-top:1px solid var(--line);padding:12px 0}.group:first-of-type{border-top:none}
        .ghead{display:flex;gap:8px;align-items:center;margin-bottom:6px}
        .pill{display:inline-block;border-radius:999px;background:#eef2f6;padding:1px 9px;font-size:12px}.pill.warn{background:#fef0c7;color:#93370d}.pill.bad{background:#fee4e2;color:#912018}
        .stats{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center;margin-bottom:8px}
        .cibar .ci{fill:#c7d7f5}.cibar .dot{fill:var(--acc)}
        .thumbs{display:flex;flex-wrap:wrap;gap:10px}.thumb{margin:0;width:104px;text-align:center;font-size:12px;overflow-wrap:anywhere}
        .thumb img,.noimg{width:96px;height:96px;object-fit:cover;border-radius:8px;border:1px solid var(--line);display:block;margin:0 auto 3px;background:#eef2f6}
        .noimg{line-height:96px;color:var(--muted);font-size:11px}.thumbs.small .thumb{width:84px}.thumbs.small img,.thumbs.small .noimg{width:72px;height:72px;line-height:72px}
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
        th{color:var(--muted);font-weight:600}.n{text-align:right;font-variant-numeric:tabular-nums}
        footer{padding:0 32px 24px;font-size:12px}
        """;
}
