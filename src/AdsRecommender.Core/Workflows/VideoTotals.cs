using AdsRecommender.Core.Health;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Workflows;

/// <summary>
/// Counts of finished videos: what batches return, continue-as-new carries and <see cref="RunOutcome"/> holds instead of
/// the videos themselves (claim check: the per-video results are in the ledger). Its size does not grow with the videos.
/// </summary>
/// <param name="Environment">The one environmental reason every counted video failed for so far; null when none did or they differ.</param>
/// <param name="NotEnvironment">Whether some counted video did not fail for an environmental reason, or two reasons differed.</param>
public sealed record VideoTotals(
    int Done = 0, int Embedded = 0, int NoFace = 0, int Failed = 0, int Reused = 0,
    StageTimings? Timings = null, string? Environment = null, bool NotEnvironment = false)
{
    public static readonly VideoTotals None = new();

    public StageTimings TotalTimings => Timings ?? new StageTimings();

    /// <summary>As <see cref="EnvironmentFailure.CommonReason"/> over every counted video.</summary>
    public string? CommonEnvironmentReason => Done > 0 && !NotEnvironment ? Environment : null;

    public VideoTotals Add(VideoResult r)
    {
        var reason = EnvironmentFailure.ReasonOf(r);
        return new(Done + 1,
            Embedded + (r.Status == VideoStatus.Embedded ? 1 : 0),
            NoFace + (r.Status == VideoStatus.NoFace ? 1 : 0),
            Failed + (r.Status == VideoStatus.Failed ? 1 : 0),
            Reused + (r.Reused ? 1 : 0),
            TotalTimings.Add(r.Timings),
            Environment ?? reason,
            NotEnvironment || reason is null || (Environment is not null && reason != Environment));
    }

    public VideoTotals Add(VideoTotals o)
    {
        if (o.Done == 0) return this;
        if (Done == 0) return o;
        return new(Done + o.Done, Embedded + o.Embedded, NoFace + o.NoFace, Failed + o.Failed, Reused + o.Reused,
            TotalTimings.Add(o.TotalTimings), Environment ?? o.Environment,
            NotEnvironment || o.NotEnvironment || (Environment is not null && o.Environment is not null && Environment != o.Environment));
    }

    /// <summary>Videos the grouping step found with unreadable vectors: no longer embedded, failed.</summary>
    public VideoTotals WithLost(int lost) =>
        lost == 0 ? this : this with { Embedded = Embedded - lost, Failed = Failed + lost, NotEnvironment = true };
}
