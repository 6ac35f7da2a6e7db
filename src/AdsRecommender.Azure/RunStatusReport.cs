using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Azure;

/// <summary>What <c>GET /api/runs/{id}</c> answers: orchestration state, progress, video counts and, once finished, the results.</summary>
/// <param name="Status">The orchestration's runtime status (Pending, Running, Completed, Failed, Terminated, ...).</param>
/// <param name="Progress">The orchestrator's custom status (phase and counts), when it has set one.</param>
/// <param name="Videos">Counts the orchestration keeps (its outcome, or its custom status while it runs); each video's row is
/// listed by <c>GET /api/runs/{id}/videos</c>.</param>
/// <param name="Results">Result names in area "results" and where they are, when the run has completed.</param>
public sealed record RunStatusReport(
    string RunId,
    string Status,
    DateTimeOffset CreatedUtc,
    DateTimeOffset LastUpdatedUtc,
    RunProgress? Progress,
    VideoCounts Videos,
    RunRecord? Run,
    IReadOnlyList<ResultLocation> Results,
    string? Error);
