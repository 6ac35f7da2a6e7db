using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// What the ProcessVideo activity runs for one row: <see cref="VideoProcessor"/> (download, faces, vectors,
/// ledger) in every host; <c>adsrec-bench scale</c> registers a synthetic one so the real orchestration runs without downloads.
/// </summary>
public interface IVideoProcessing
{
    Task<VideoResult> ProcessAsync(string runId, AdRow row, RunOptions runOptions, CancellationToken ct = default);
}
