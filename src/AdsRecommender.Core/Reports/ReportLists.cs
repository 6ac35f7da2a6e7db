using System.Globalization;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;
using static AdsRecommender.Core.Reports.ReportMarkup;

namespace AdsRecommender.Core.Reports;

/// <summary>The report's cut lists: similar pairs, ungrouped videos, videos without a usable face, skipped CSV rows; each ends with how many more there are and where.</summary>
internal static class ReportLists
{
    public static void Pairs(TextWriter w, ReportModel model)
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

    public static void Ungrouped(TextWriter w, ReportModel model)
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

    public static void Problems(TextWriter w, ReportModel model, VideoOutcomes tally)
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

    public static void SkippedRows(TextWriter w, ReportModel model)
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
}
