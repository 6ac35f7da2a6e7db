using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Cli.Bench;

/// <summary>
/// The bench's stand-in for the download-and-embed stage: row <c>i</c> gets synthetic vector <c>i</c>
/// (<see cref="ScaleBench.SyntheticVideos"/>), stored through <see cref="RunArtefacts"/> and recorded in the ledger as a
/// real video would be, so everything after it (orchestration, ledger, grouping, result files) is the product's own.
/// </summary>
public sealed class SyntheticVideoProcessing(IRunStore store, IRunLedger ledger, IReadOnlyList<float[]> vectors) : IVideoProcessing
{
    private readonly RunArtefacts _artefacts = new(store);

    public async Task<VideoResult> ProcessAsync(string runId, AdRow row, RunOptions runOptions, CancellationToken ct = default)
    {
        await _artefacts.WriteVectorsAsync(runId, row.VideoId, [vectors[row.Index]], null, ct);
        var result = new VideoResult(row.VideoId, row.Index, row.Performance, VideoStatus.Embedded, null, 1, new StageTimings());
        await ledger.UpsertVideoAsync(runId, result, ct);
        return result;
    }
}
