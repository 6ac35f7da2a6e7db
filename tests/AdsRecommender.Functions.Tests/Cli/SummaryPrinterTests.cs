using AdsRecommender.Cli;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary>The end-of-run summary stays short when thousands of videos fail.</summary>
public sealed class SummaryPrinterTests
{
    [Fact]
    public async Task Many_failed_videos_are_summarised_by_reason_few_are_listed_one_by_one()
    {
        var store = new LocalRunStore(Path.Combine(Path.GetTempPath(), "adsrec-summary-" + Guid.NewGuid().ToString("N")[..8]));
        VideoResult Failed(int i, string reason) => new($"video({i})", i, 0.5, VideoStatus.Failed, reason, 0, new StageTimings());
        var many = Enumerable.Range(0, 2500).Select(i => Failed(i, "HTTP 404 Not Found"))
            .Append(Failed(2500, "not a video (looks like HTML)")).ToList();
        var few = Enumerable.Range(0, 3).Select(i => Failed(i, "HTTP 404 Not Found")).ToList();
        var root = Path.Combine(Path.GetTempPath(), "adsrec-summary-ledger-" + Guid.NewGuid().ToString("N")[..8]);
        async Task<(RunOutcome, IRunLedger)> Outcome(List<VideoResult> videos)
        {
            var ledger = new LocalRunLedger(Path.Combine(root, videos.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            foreach (var v in videos) await ledger.UpsertVideoAsync("r", v);
            var totals = videos.Aggregate(VideoTotals.None, (t, v) => t.Add(v));
            return (new RunOutcome("r", videos.Count, 0, totals, null, 0, DateTime.UnixEpoch, DateTime.UnixEpoch), ledger);
        }

        var summary = new StringWriter();
        var (manyOutcome, manyLedger) = await Outcome(many);
        await SummaryPrinter.PrintAsync(summary, manyOutcome, store, manyLedger, "--out /runs/ads");
        var lines = summary.ToString().Split('\n');

        Assert.Contains("    2500 x HTTP 404 Not Found (video(0), video(1), video(2), ...)", lines);
        Assert.Contains("    1 x not a video (looks like HTML) (video(2500))", lines);
        Assert.DoesNotContain(lines, l => l.Contains("video(1000)"));
        Assert.True(lines.Length < 40, $"{lines.Length} lines");
        Assert.Contains("    (all 2501 with their reasons: adsrec videos r --out /runs/ads)", lines); // a command that can be pasted

        summary = new StringWriter();
        var (fewOutcome, fewLedger) = await Outcome(few);
        await SummaryPrinter.PrintAsync(summary, fewOutcome, store, fewLedger, "--out /runs/ads");
        Assert.Contains("    video(2) (row 2): HTTP 404 Not Found", summary.ToString().Split('\n'));
    }
}
