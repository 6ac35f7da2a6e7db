using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Pipeline;

/// <summary>Output of <see cref="AnalyzeAdsOrchestrator"/>.</summary>
public sealed record RunOutcome(
    string RunId,
    int RowsRead,
    IReadOnlyList<RowProblem> Skipped,
    IReadOnlyList<VideoResult> Videos,
    GroupVideosOutput? Grouping,
    int Batches,
    DateTime StartedUtc,
    DateTime FinishedUtc,
    string? Error = null)
{
    public int Embedded => Videos.Count(v => v.Status == VideoStatus.Embedded);
    public int NoFace => Videos.Count(v => v.Status == VideoStatus.NoFace);
    public int Failed => Videos.Count(v => v.Status == VideoStatus.Failed);
    public int Reused => Videos.Count(v => v.Reused);
    public StageTimings TotalTimings => Videos.Aggregate(new StageTimings(), (a, v) => a.Add(v.Timings));
}
