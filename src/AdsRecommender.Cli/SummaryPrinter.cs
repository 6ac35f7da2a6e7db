using System.Globalization;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Cli;

/// <summary>The end-of-run summary: rows, skips with line numbers, no-face and failed videos with reasons, timings, threshold, result paths.</summary>
public static class SummaryPrinter
{
    public static void Print(TextWriter o, RunOutcome outcome, IRunStore store)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine();
        if (outcome.Error is not null)
        {
            o.WriteLine($"Run {outcome.RunId} could not start: {outcome.Error}");
            return;
        }
        o.WriteLine($"Run {outcome.RunId}{(outcome.Batches > 0 ? $" ({outcome.Batches} batches)" : "")}");
        o.WriteLine($"  rows read:        {outcome.RowsRead + outcome.Skipped.Count} ({outcome.RowsRead} valid)");
        o.WriteLine($"  rows skipped:     {outcome.Skipped.Count}");
        foreach (var p in outcome.Skipped)
            o.WriteLine(p.Message.StartsWith("line ", StringComparison.Ordinal) ? $"    {p.Message}" : $"    line {p.LineNumber}: {p.Message}");
        o.WriteLine($"  videos with faces: {outcome.Embedded}");
        if (outcome.Reused > 0) o.WriteLine($"  videos reused:    {outcome.Reused} (finished by an earlier run, or a repeated URL)");
        o.WriteLine($"  videos without a face: {outcome.NoFace}");
        ListVideos(o, outcome.Videos.Where(v => v.Status == VideoStatus.NoFace).ToList(), withReason: false);
        o.WriteLine($"  videos failed:    {outcome.Failed}");
        ListVideos(o, outcome.Videos.Where(v => v.Status == VideoStatus.Failed).ToList(), withReason: true);
        var t = outcome.TotalTimings;
        var wall = (outcome.FinishedUtc - outcome.StartedUtc).TotalSeconds;
        o.WriteLine(string.Create(ci, $"  time:             {wall:0.0} s wall; summed per video: download {t.DownloadMs / 1000:0.0} s, decode {t.DecodeMs / 1000:0.0} s, detect {t.DetectMs / 1000:0.0} s, embed {t.EmbedMs / 1000:0.0} s"));
        if (outcome.Grouping is { } g)
        {
            o.WriteLine(string.Create(ci, $"  threshold:        {g.Threshold:0.###} ({g.ThresholdSource})"));
            o.WriteLine($"  similar pairs:    {g.Pairs}; groups: {g.Groups}; videos with a face in no group: {g.Ungrouped}");
            o.WriteLine("  results:");
            foreach (var name in g.ResultNames) o.WriteLine($"    {store.Describe(outcome.RunId, RunAreas.Results, name)}");
        }
    }

    /// <summary>Up to this many videos are listed one per line; more are summarised by reason (all are in run_summary.json).</summary>
    public const int MaxListed = 20;

    private static void ListVideos(TextWriter o, IReadOnlyList<VideoResult> videos, bool withReason)
    {
        if (videos.Count <= MaxListed)
        {
            foreach (var v in videos) o.WriteLine(withReason ? $"    {v.VideoId} (row {v.RowIndex}): {v.Reason}" : $"    {v.VideoId} (row {v.RowIndex})");
            return;
        }
        var byReason = videos.GroupBy(v => withReason ? v.Reason ?? "" : "").OrderByDescending(g => g.Count()).ToList();
        foreach (var g in byReason.Take(10))
        {
            var examples = string.Join(", ", g.Take(3).Select(v => v.VideoId)) + (g.Count() > 3 ? ", ..." : "");
            o.WriteLine(withReason ? $"    {g.Count()} x {g.Key} ({examples})" : $"    {g.Count()}: {examples}");
        }
        if (byReason.Count > 10) o.WriteLine($"    {byReason.Skip(10).Sum(g => g.Count())} more with {byReason.Count - 10} other reasons");
        o.WriteLine($"    (all {videos.Count} with their reasons in {ResultFiles.Summary})");
    }

    /// <summary>0 if any video was processed (faces or not), 1 if none could be.</summary>
    public static int ExitCode(RunOutcome outcome) => outcome.Error is null && outcome.Embedded + outcome.NoFace > 0 ? 0 : 1;
}
