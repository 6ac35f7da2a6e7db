using System.Globalization;
using System.Text;
using AdsRecommender.Core.Runs;
using static AdsRecommender.Core.Reports.ReportMarkup;

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
        w.Write("<title>"); w.Write(E(model.Title)); w.Write("</title><style>"); w.Write(ReportStyle.Css); w.Write("</style></head><body>");

        w.Write("<header><h1>"); w.Write(E(model.Title)); w.Write("</h1><p class=\"muted\">");
        if (model.RunId is not null) { w.Write("Run <code>"); w.Write(E(model.RunId)); w.Write("</code> · "); }
        w.Write("generated ");
        w.Write(E((model.GeneratedAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        w.Write("</p></header><main>");

        Summary(w, model, tally, overall);
        ReportGroups.Chart(w, model, overall);

        w.Write("<section><h2>Similarity distribution</h2>");
        w.Write(SvgCharts.Histogram(r.Histogram, r.Threshold));
        w.Write("<p class=\"muted\">Pairs to the right of the threshold (blue) are treated as the same person. Threshold source: ");
        w.Write(E(r.ThresholdSource)); w.Write(".</p></section>");

        ReportGroups.Cards(w, model, overall);
        ReportLists.Pairs(w, model);
        ReportLists.Ungrouped(w, model);
        ReportLists.Problems(w, model, tally);
        ReportLists.SkippedRows(w, model);

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
}
