using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Storage;

/// <summary>Small records about runs and their videos (JSON files locally, Table Storage in Azure).</summary>
public interface IRunLedger
{
    Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken = default);
    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default);
    Task UpsertVideoAsync(string runId, VideoResult result, CancellationToken cancellationToken = default);
    /// <summary>One video's record, or null when the ledger has none.</summary>
    Task<VideoResult?> GetVideoAsync(string runId, string videoId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<VideoResult>> GetVideosAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>A page of at most <paramref name="pageSize"/> videos, from the start or from <paramref name="continuation"/>.</summary>
    Task<VideoPage> GetVideosPageAsync(string runId, string? continuation, int pageSize, CancellationToken cancellationToken = default);
}
