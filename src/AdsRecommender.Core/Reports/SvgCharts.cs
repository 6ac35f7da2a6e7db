using System.Globalization;
using System.Net;
using System.Text;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Reports;

/// <summary>Inline SVG charts for the report (no scripts, no external assets).</summary>
internal static class SvgCharts
{
    internal static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>
    /// Horizontal bars of group mean performance with 95% CI whiskers and a dashed line at the overall mean. One row per
    /// group given: the report passes at most <see cref="ReportModel.MaxChartGroups"/> and says so in the caption.
    /// </summary>
    public static string GroupPerformance(IReadOnlyList<FaceGroup> groups, double overallMean)
    {
        const int labelW = 90, plotW = 760, rowH = 26, top = 24, bottom = 30;
        var width = labelW + plotW + 20;
        var height = top + groups.Count * rowH + bottom;
        var values = groups.SelectMany(g => new[] { g.Stats.Mean, g.Stats.CiLow, g.Stats.CiHigh }).Append(overallMean).Append(0).Where(double.IsFinite).ToList();
        var min = values.Min();
        var max = values.Max();
        if (max - min < 1e-12) max = min + 1;
        var pad = (max - min) * 0.05;
        min -= pad;
        max += pad;
        double X(double v) => labelW + (v - min) / (max - min) * plotW;

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"Group average performance\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        // axis ticks at round values
        var step = NiceStep((max - min) / 5);
        for (var v = Math.Ceiling(min / step) * step; v <= max + step * 1e-9; v += step)
        {
            var x = X(v);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{top - 6}\" x2=\"{F(x)}\" y2=\"{height - bottom}\" class=\"grid\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\" class=\"tick\">{E((Math.Abs(v) < step * 1e-6 ? 0 : v).ToString("0.###", CultureInfo.InvariantCulture))}</text>");
        }
        var zero = X(Math.Clamp(0, min, max));
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var y = top + i * rowH;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelW - 8}\" y=\"{y + rowH / 2 + 4}\" text-anchor=\"end\" class=\"label\">Group {g.Number}</text>");
            if (!double.IsFinite(g.Stats.Mean)) continue;
            var xm = X(g.Stats.Mean);
            var (x0, x1) = xm < zero ? (xm, zero) : (zero, xm);
            var cls = g.Stats.LowEvidence ? "bar low" : g.Stats.Mean >= overallMean ? "bar up" : "bar down";
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x0)}\" y=\"{y + 5}\" width=\"{F(Math.Max(1, x1 - x0))}\" height=\"{rowH - 10}\" class=\"{cls}\"><title>Group {g.Number}: mean {E(g.Stats.Mean.ToString("0.####", CultureInfo.InvariantCulture))}</title></rect>");
            if (double.IsFinite(g.Stats.CiLow) && double.IsFinite(g.Stats.CiHigh))
            {
                var cy = y + rowH / 2;
                var lo = X(g.Stats.CiLow);
                var hi = X(g.Stats.CiHigh);
                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(lo)}\" y1=\"{cy}\" x2=\"{F(hi)}\" y2=\"{cy}\" class=\"whisker\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(lo)}\" y1=\"{cy - 6}\" x2=\"{F(lo)}\" y2=\"{cy + 6}\" class=\"whisker\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(hi)}\" y1=\"{cy - 6}\" x2=\"{F(hi)}\" y2=\"{cy + 6}\" class=\"whisker\"/>");
            }
        }
        if (double.IsFinite(overallMean))
        {
            var xo = X(overallMean);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(xo)}\" y1=\"{top - 10}\" x2=\"{F(xo)}\" y2=\"{height - bottom}\" class=\"mean\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(xo)}\" y=\"{top - 12}\" text-anchor=\"middle\" class=\"tick\">overall mean {E(overallMean.ToString("0.###", CultureInfo.InvariantCulture))}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Histogram of pair similarities (square-root count scale so the small same-person tail is visible) with the threshold line.</summary>
    public static string Histogram(SimilarityHistogram h, float threshold)
    {
        const int left = 50, plotW = 800, plotH = 200, top = 20, bottom = 36;
        var width = left + plotW + 20;
        var height = top + plotH + bottom;
        // show from the first occupied bin (at most -0.2 so the usual range is stable) to 1
        var first = Array.FindIndex(h.Counts, c => c > 0);
        var startBin = first < 0 ? h.BinOf(-0.2f) : Math.Min(first, h.BinOf(-0.2f));
        var bins = h.BinCount - startBin;
        var maxCount = Math.Max(1, h.Counts.Skip(startBin).DefaultIfEmpty(0).Max());
        var barW = (double)plotW / bins;
        var lo = h.BinStart(startBin);
        double X(double v) => left + (v - lo) / (1.0 - lo) * plotW;

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"Similarity histogram\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plotH}\" x2=\"{left + plotW}\" y2=\"{top + plotH}\" class=\"axis\"/>");
        for (var b = startBin; b < h.BinCount; b++)
        {
            var c = h.Counts[b];
            if (c == 0) continue;
            var barH = Math.Sqrt(c) / Math.Sqrt(maxCount) * plotH;
            var x = left + (b - startBin) * barW;
            var cls = h.BinStart(b) + h.BinWidth <= threshold ? "hbar" : "hbar hi";
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{F(top + plotH - barH)}\" width=\"{F(Math.Max(0.5, barW - 0.5))}\" height=\"{F(barH)}\" class=\"{cls}\"><title>{E(h.BinStart(b).ToString("0.00", CultureInfo.InvariantCulture))}: {c}</title></rect>");
        }
        var tickStart = Math.Ceiling(lo * 5) / 5;
        for (var v = tickStart; v <= 1.0001; v += 0.2)
        {
            var x = X(v);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{top + plotH + 16}\" text-anchor=\"middle\" class=\"tick\">{E(v.ToString("0.0", CultureInfo.InvariantCulture))}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{top + 8}\" text-anchor=\"end\" class=\"tick\">{maxCount}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{top + plotH}\" text-anchor=\"end\" class=\"tick\">0</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plotW / 2}\" y=\"{height - 4}\" text-anchor=\"middle\" class=\"tick\">cosine similarity of primary faces, all pairs (count on square-root scale)</text>");
        var xt = X(threshold);
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(xt)}\" y1=\"{top - 6}\" x2=\"{F(xt)}\" y2=\"{top + plotH}\" class=\"threshold\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(xt + 4)}\" y=\"{top + 4}\" class=\"tick thr\">threshold {E(threshold.ToString("0.00", CultureInfo.InvariantCulture))}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="raw"/>.</summary>
    internal static double NiceStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw)) return 1;
        var p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    /// <summary>A small CI bar: the group's 95% interval and mean against the overall mean, on a shared scale.</summary>
    public static string CiBar(PerformanceStats s, double scaleMin, double scaleMax)
    {
        const int w = 220, h = 18;
        if (scaleMax - scaleMin < 1e-12) scaleMax = scaleMin + 1;
        double X(double v) => 4 + (Math.Clamp(v, scaleMin, scaleMax) - scaleMin) / (scaleMax - scaleMin) * (w - 8);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"cibar\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"4\" y1=\"{h / 2}\" x2=\"{w - 4}\" y2=\"{h / 2}\" class=\"axis\"/>");
        if (double.IsFinite(s.CiLow) && double.IsFinite(s.CiHigh))
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(X(s.CiLow))}\" y=\"4\" width=\"{F(Math.Max(1, X(s.CiHigh) - X(s.CiLow)))}\" height=\"{h - 8}\" class=\"ci\"/>");
        if (double.IsFinite(s.OverallMean))
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(s.OverallMean))}\" y1=\"1\" x2=\"{F(X(s.OverallMean))}\" y2=\"{h - 1}\" class=\"mean\"/>");
        if (double.IsFinite(s.Mean))
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(s.Mean))}\" cy=\"{h / 2}\" r=\"4\" class=\"dot\"/>");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
