using System.Globalization;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Cli;

/// <summary>
/// The end-of-run summary: rows, skips with line numbers (the first few, from <c>row_problems.csv</c>), no-face and failed videos with reasons, timings, threshold, result
/// paths. The counts come from the outcome; the videos listed are read from the ledger in pages (the outcome holds none).
/// </summary>
public static class SummaryPrinter
{
    /// <param name="videosOptions">How <c>adsrec videos</c> finds the run's storage (<see cref="RunStorage.VideosOptions"/>).</param>
    public static async Task PrintAsync(TextWriter o, RunOutcome outcome, IRunStore store, IRunLedger ledger, string videosOptions, CancellationToken ct = default)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine();
        if (outcome.Error is not null)
        {
            o.WriteLine($"Run {outcome.RunId} could not start: {outcome.Error}");
            return;
        }
        o.WriteLine($"Run {outcome.RunId}{(outcome.Batches > 0 ? $" ({outcome.Batches} batches)" : "")}");
        o.WriteLine($"  rows read:        {outcome.RowsRead + outcome.SkippedRows} ({outcome.RowsRead} valid)");
        o.WriteLine($"  rows skipped:     {outcome.SkippedRows}");
        if (outcome.SkippedRows > 0)
        {
            // the outcome counts the bad rows; the first few are read from the run's row_problems.csv
            var first = await new ResultStore(store).ReadRowProblemsAsync(outcome.RunId, RowProblemsCsv.Shown, ct);
            foreach (var p in first) o.WriteLine($"    {p.Message}");
            if (RowProblemsCsv.More(outcome.SkippedRows, first.Count, store.Describe(outcome.RunId, RunAreas.Results, ResultFiles.RowProblems)) is { } more)
                o.WriteLine($"    {more}");
        }
        o.WriteLine($"  videos with faces: {outcome.Embedded}");
        if (outcome.Reused > 0) o.WriteLine($"  videos reused:    {outcome.Reused} (finished by an earlier run, or a repeated URL)");
        var (noFace, failed) = (new Listing(withReason: false), new Listing(withReason: true));
        if (outcome.NoFace + outcome.Failed > 0)
        {
            string? continuation = null;
            do
            {
                var page = await ledger.GetVideosPageAsync(outcome.RunId, continuation, VideoPage.MaxPageSize, ct);
                foreach (var v in page.Videos)
                {
                    if (v.Status == VideoStatus.NoFace) noFace.Add(v);
                    else if (v.Status == VideoStatus.Failed) failed.Add(v);
                }
                continuation = page.Continuation;
            } while (continuation is not null);
        }
        o.WriteLine($"  videos without a face: {outcome.NoFace}");
        noFace.Write(o, outcome.RunId, videosOptions);
        o.WriteLine($"  videos failed:    {outcome.Failed}");
        failed.Write(o, outcome.RunId, videosOptions);
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

    /// <summary>Up to this many videos are listed one per line; more are summarised by reason (all are listed by <c>adsrec videos</c>).</summary>
    public const int MaxListed = 20;

    /// <summary>
    /// Videos of one kind, streamed: the first <see cref="MaxListed"/> + 1 kept to list one per line, beyond that a count and three
    /// examples per reason, so memory does not grow with the run.
    /// </summary>
    private sealed class Listing(bool withReason)
    {
        private readonly List<VideoResult> _first = [];
        private readonly Dictionary<string, (int Count, List<string> Examples)> _byReason = new(StringComparer.Ordinal);
        private int _count;

        public void Add(VideoResult v)
        {
            _count++;
            if (_first.Count <= MaxListed) _first.Add(v);
            var key = withReason ? v.Reason ?? "" : "";
            var (count, examples) = _byReason.TryGetValue(key, out var seen) ? seen : (0, new List<string>());
            if (examples.Count < 3) examples.Add(v.VideoId);
            _byReason[key] = (count + 1, examples);
        }

        public void Write(TextWriter o, string runId, string videosOptions)
        {
            if (_count <= MaxListed)
            {
                foreach (var v in _first.OrderBy(v => v.RowIndex))
                    o.WriteLine(withReason ? $"    {v.VideoId} (row {v.RowIndex}): {v.Reason}" : $"    {v.VideoId} (row {v.RowIndex})");
                return;
            }
            var byReason = _byReason.OrderByDescending(g => g.Value.Count).ToList();
            foreach (var (reason, (count, examples)) in byReason.Take(10))
            {
                var shown = string.Join(", ", examples) + (count > 3 ? ", ..." : "");
                o.WriteLine(withReason ? $"    {count} x {reason} ({shown})" : $"    {count}: {shown}");
            }
            if (byReason.Count > 10) o.WriteLine($"    {byReason.Skip(10).Sum(g => g.Value.Count)} more with {byReason.Count - 10} other reasons");
            // run_summary.json holds counts only; the ledger lists every video
            o.WriteLine($"    (all {_count} with their reasons: adsrec videos {runId} {videosOptions})");
        }
    }

    /// <summary>0 if any video was processed (faces or not), 1 if none could be.</summary>
    public static int ExitCode(RunOutcome outcome) => outcome.Error is null && outcome.Embedded + outcome.NoFace > 0 ? 0 : 1;
}
