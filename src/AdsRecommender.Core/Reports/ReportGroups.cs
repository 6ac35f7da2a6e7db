using System.Globalization;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using static AdsRecommender.Core.Reports.ReportMarkup;

namespace AdsRecommender.Core.Reports;

/// <summary>The report's groups: the chart of group means against the overall mean, and a card per group with its statistics and faces.</summary>
internal static class ReportGroups
{
    /// <summary>Groups shown as cards: the first <see cref="ReportModel.MaxGroupCards"/> in report order (size, then mean performance).</summary>
    private static int ShownGroups(ReportModel model) => Math.Clamp(model.MaxGroupCards, 0, model.Result.Groups.Count);

    public static void Chart(TextWriter w, ReportModel model, double overall)
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

    public static void Cards(TextWriter w, ReportModel model, double overall)
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
}
