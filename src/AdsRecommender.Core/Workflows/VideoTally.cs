using AdsRecommender.Core.Runs;
namespace AdsRecommender.Core.Workflows;

/// <summary>
/// Finished videos counted for an orchestration's custom status, the same way in both orchestrators. It holds only what
/// the results say (or what earlier generations carried), so a replay rebuilds the same counts.
/// </summary>
internal sealed class VideoTally(int total, VideoTotals? carried = null)
{
    public VideoTotals Totals { get; private set; } = carried ?? VideoTotals.None;

    public int Done => Totals.Done;
    public int Failed => Totals.Failed;

    public void Count(VideoResult result) => Totals = Totals.Add(result);

    public void Count(VideoTotals totals) => Totals = Totals.Add(totals);

    public RunProgress Progress(string phase, int batches = 0, int batchesDone = 0) =>
        new(total, Totals.Done, Totals.Failed, total - Totals.Done, phase, Totals.NoFace, batches, batchesDone) { Embedded = Totals.Embedded };
}
