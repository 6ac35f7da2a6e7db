using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Azure;

/// <summary>
/// Videos of a run by state, from the counts the orchestration already keeps: its outcome once finished, its custom status
/// (updated per video in a small run, per batch in a batched one) before. Reading them costs the same for 10 or 100,000
/// videos; the ledger's rows are not read.
/// </summary>
public sealed record VideoCounts(int Total, int Embedded, int NoFace, int Failed, int Pending)
{
    public static VideoCounts From(RunProgress? progress, RunOutcome? outcome)
    {
        if (outcome is not null)
            return Of(outcome.RowsRead, outcome.Embedded, outcome.NoFace, outcome.Failed);
        return progress is null ? new VideoCounts(0, 0, 0, 0, 0) : Of(progress.Total, progress.Embedded, progress.NoFace, progress.Failed);
    }

    private static VideoCounts Of(int total, int embedded, int noFace, int failed) =>
        new(total, embedded, noFace, failed, Math.Max(0, total - embedded - noFace - failed));
}
