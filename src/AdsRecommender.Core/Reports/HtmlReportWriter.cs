using System.Globalization;
using System.Net;
using System.Text;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Reports;

/// <summary>
/// Writes one self-contained HTML file: inline CSS, inline SVG charts, thumbnails as base64 data URIs, no scripts and no
/// external assets. Every piece of text from the input (video ids, reasons) is HTML-encoded.
/// </summary>
public static class HtmlReportWriter
{
    public static void Write(Stream stream, ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(model);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        w.Write(Render(model));
    }

    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var r = model.Result;
        var overall = r.Overall?.Mean ?? double.NaN;
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">");
        sb.Append("<title>").Append(E(model.Title)).Append("</title><style>").Append(Css).Append("</style></head><body>");

        sb.Append("<header><h1>").Append(E(model.Title)).Append("</h1><p class=\"muted\">");
        if (model.RunId is not null) sb.Append("Run <code>").Append(E(model.RunId)).Append("</code> · ");
        sb.Append("generated ").Append(E((model.GeneratedAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        sb.Append("</p></header><main>");

        Summary(sb, model, overall);

        sb.Append("<section><h2>Groups vs overall mean</h2>");
        if (r.Groups.Count == 0) sb.Append("<p class=\"muted\">No face recurs in two or more videos at this threshold.</p>");
        else
        {
            sb.Append("<p class=\"muted\">Bar: group mean performance; whiskers: 95% confidence interval of the mean; dashed line: mean of all videos with a face. Grey bars have fewer than ")
              .Append(PerformanceStats.MinEvidence).Append(" videos (low evidence).</p>");
            sb.Append(SvgCharts.GroupPerformance(r.Groups, overall));
        }
        sb.Append("</section>");

        sb.Append("<section><h2>Similarity distribution</h2>");
        sb.Append(SvgCharts.Histogram(r.Histogram, r.Threshold));
        sb.Append("<p class=\"muted\">Pairs to the right of the threshold (blue) are treated as the same person. Threshold source: ")
          .Append(E(r.ThresholdSource)).Append(".</p></section>");

        Groups(sb, model, overall);
        Pairs(sb, model);
        Ungrouped(sb, model);
        Problems(sb, model);
        SkippedRows(sb, model);

        sb.Append("</main><footer class=\"muted\">AdsRecommender · cosine similarity of face embeddings · groups are people found in two or more videos</footer></body></html>\n");
        return sb.ToString();
    }

    private static void Summary(StringBuilder sb, ReportModel model, double overall)
    {
        var r = model.Result;
        var noFace = model.Videos.Count(v => v.Status == VideoStatus.NoFace);
        var failed = model.Videos.Count(v => v.Status == VideoStatus.Failed);
        sb.Append("<section class=\"cards\">");
        Card(sb, "Videos", model.Videos.Count > 0 ? model.Videos.Count.ToString(CultureInfo.InvariantCulture) : r.VideoCount.ToString(CultureInfo.InvariantCulture));
        Card(sb, "With a face", r.VideoCount.ToString(CultureInfo.InvariantCulture));
        Card(sb, "Faces found", r.FaceCount.ToString(CultureInfo.InvariantCulture));
        Card(sb, "No face / failed", string.Create(CultureInfo.InvariantCulture, $"{noFace} / {failed}"));
        Card(sb, "Groups", r.Groups.Count.ToString(CultureInfo.InvariantCulture));
        Card(sb, "Similar pairs", r.Pairs.Count.ToString(CultureInfo.InvariantCulture));
        Card(sb, "Threshold", r.Threshold.ToString("0.00", CultureInfo.InvariantCulture), r.ThresholdSource);
        Card(sb, "Overall mean", Num(overall), r.Overall is { N: > 1 } o ? $"n={o.N}, sd {Num(o.StandardDeviation)}" : null);
        sb.Append("</section>");
    }

    private static void Card(StringBuilder sb, string label, string value, string? note = null)
    {
        sb.Append("<div class=\"card\"><div class=\"label\">").Append(E(label)).Append("</div><div class=\"value\">").Append(E(value)).Append("</div>");
        if (note is not null) sb.Append("<div class=\"note\">").Append(E(note)).Append("</div>");
        sb.Append("</div>");
    }

    private static void Groups(StringBuilder sb, ReportModel model, double overall)
    {
        var r = model.Result;
        if (r.Groups.Count == 0) return;
        var bounds = r.Groups.SelectMany(g => new[] { g.Stats.CiLow, g.Stats.CiHigh, g.Stats.Mean }).Append(overall).Where(double.IsFinite).ToList();
        var (min, max) = bounds.Count == 0 ? (0.0, 1.0) : (bounds.Min(), bounds.Max());
        sb.Append("<section><h2>Groups</h2>");
        foreach (var g in r.Groups)
        {
            var s = g.Stats;
            sb.Append("<article class=\"group\"><div class=\"ghead\"><h3>Group ").Append(g.Number).Append("</h3><span class=\"pill\">")
              .Append(g.Videos.Count).Append(" videos</span>");
            if (g.People > 1) sb.Append("<span class=\"pill\">").Append(g.People).Append(" people</span>");
            if (s.LowEvidence) sb.Append("<span class=\"pill warn\">low evidence</span>");
            sb.Append("</div><div class=\"stats\"><span>mean <b>").Append(Num(s.Mean)).Append("</b></span>")
              .Append("<span>median ").Append(Num(s.Median)).Append("</span>")
              .Append("<span>sd ").Append(Num(s.StandardDeviation)).Append("</span>")
              .Append("<span>95% CI ").Append(double.IsFinite(s.CiLow) ? $"[{Num(s.CiLow)}, {Num(s.CiHigh)}]" : "n/a").Append("</span>")
              .Append("<span>lift ").Append(s.Lift is { } l ? l.ToString("0.00×", CultureInfo.InvariantCulture) : "n/a").Append("</span>")
              .Append("<span>cohesion ").Append(g.Cohesion.ToString("0.00", CultureInfo.InvariantCulture)).Append("</span>")
              .Append(SvgCharts.CiBar(s, min, max)).Append("</div><div class=\"thumbs\">");
            for (var k = 0; k < g.Videos.Count; k++)
            {
                var v = g.Videos[k];
                Thumb(sb, model, v, r.Performance.TryGetValue(v, out var p) ? p : double.NaN, k < g.FaceIndexes.Count ? g.FaceIndexes[k] : 0);
            }
            sb.Append("</div></article>");
        }
        sb.Append("</section>");
    }

    private static void Thumb(StringBuilder sb, ReportModel model, string videoId, double performance, int faceIndex = 0)
    {
        sb.Append("<figure class=\"thumb\">");
        if (model.ThumbnailFor(videoId, faceIndex) is { } bytes)
            sb.Append("<img alt=\"face in ").Append(E(videoId)).Append("\" src=\"data:").Append(MimeOf(bytes)).Append(";base64,").Append(Convert.ToBase64String(bytes)).Append("\">");
        else
            sb.Append("<div class=\"noimg\">no image</div>");
        sb.Append("<figcaption>").Append(E(videoId)).Append("<br><span class=\"muted\">").Append(Num(performance));
        if (faceIndex > 0) sb.Append(" · face ").Append(faceIndex + 1);
        sb.Append("</span></figcaption></figure>");
    }

    private static void Pairs(StringBuilder sb, ReportModel model)
    {
        var pairs = model.Result.Pairs;
        sb.Append("<section><h2>Similar pairs (primary faces)</h2>");
        if (pairs.Count == 0)
        {
            sb.Append("<p class=\"muted\">No pair of primary faces reaches the threshold.</p></section>");
            return;
        }
        sb.Append("<table><thead><tr><th>Video 1</th><th>Video 2</th><th class=\"n\">Similarity</th><th class=\"n\">Performance 1</th><th class=\"n\">Performance 2</th><th class=\"n\">Average</th></tr></thead><tbody>");
        foreach (var p in pairs.Take(model.MaxPairRows))
        {
            sb.Append("<tr><td>").Append(E(p.Video1)).Append("</td><td>").Append(E(p.Video2)).Append("</td><td class=\"n\">")
              .Append(p.Similarity.ToString("0.000", CultureInfo.InvariantCulture)).Append("</td><td class=\"n\">").Append(Num(p.Performance1))
              .Append("</td><td class=\"n\">").Append(Num(p.Performance2)).Append("</td><td class=\"n\">").Append(Num(p.AveragePerformance)).Append("</td></tr>");
        }
        sb.Append("</tbody></table>");
        if (pairs.Count > model.MaxPairRows)
            sb.Append("<p class=\"muted\">Showing ").Append(model.MaxPairRows).Append(" of ").Append(pairs.Count).Append(" pairs; all are in the pairs CSV.</p>");
        sb.Append("</section>");
    }

    private static void Ungrouped(StringBuilder sb, ReportModel model)
    {
        var r = model.Result;
        sb.Append("<section><h2>Ungrouped videos</h2>");
        if (r.Ungrouped.Count == 0)
        {
            sb.Append("<p class=\"muted\">Every video with a face shares it with another video.</p></section>");
            return;
        }
        sb.Append("<p class=\"muted\">A face was found, but it matches no face in another video.</p><div class=\"thumbs small\">");
        foreach (var v in r.Ungrouped) Thumb(sb, model, v, r.Performance.TryGetValue(v, out var p) ? p : double.NaN);
        sb.Append("</div></section>");
    }

    private static void Problems(StringBuilder sb, ReportModel model)
    {
        var problems = model.Videos.Where(v => v.Status is VideoStatus.Failed or VideoStatus.NoFace or VideoStatus.Pending).OrderBy(v => v.RowIndex).ToList();
        sb.Append("<section><h2>Videos without a usable face</h2>");
        if (problems.Count == 0)
        {
            sb.Append("<p class=\"muted\">None: every video was processed and had a face.</p></section>");
            return;
        }
        sb.Append("<table><thead><tr><th>Video</th><th>Status</th><th class=\"n\">Performance</th><th>Reason</th></tr></thead><tbody>");
        foreach (var v in problems)
        {
            var status = v.Status switch { VideoStatus.NoFace => "no face", VideoStatus.Failed => "failed", _ => "not processed" };
            sb.Append("<tr><td>").Append(E(v.VideoId)).Append("</td><td><span class=\"pill ").Append(v.Status == VideoStatus.Failed ? "bad" : "warn").Append("\">")
              .Append(status).Append("</span></td><td class=\"n\">").Append(Num(v.Performance)).Append("</td><td>").Append(E(v.Reason ?? "")).Append("</td></tr>");
        }
        sb.Append("</tbody></table></section>");
    }

    private static void SkippedRows(StringBuilder sb, ReportModel model)
    {
        if (model.SkippedRows == 0) return;
        sb.Append("<section><h2>Skipped CSV rows</h2><p class=\"muted\">").Append(model.SkippedRows)
          .Append(" rows of the input CSV could not be read and were skipped.</p>");
        sb.Append("<table><thead><tr><th class=\"n\">Line</th><th>Video</th><th>Problem</th></tr></thead><tbody>");
        foreach (var p in model.FirstSkipped)
            sb.Append("<tr><td class=\"n\">").Append(p.LineNumber).Append("</td><td>").Append(E(p.VideoId)).Append("</td><td>").Append(E(p.Reason)).Append("</td></tr>");
        sb.Append("</tbody></table>");
        if (RowProblemsCsv.More(model.SkippedRows, model.FirstSkipped.Count, ResultFiles.RowProblems) is { } more)
            sb.Append("<p class=\"muted\">").Append(E(more)).Append(".</p>");
        sb.Append("</section>");
    }

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
