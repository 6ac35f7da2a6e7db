using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;

namespace AdsRecommender.Cli;

/// <summary>
/// The run's ledger, telling <see cref="VideoRecorded"/> about each video as this process records it, so progress can be
/// shown per video without reading the ledger back (which cost a read of every video per finished video).
/// </summary>
public sealed class NotifyingLedger(IRunLedger inner) : IRunLedger
{
    public event Action<string, VideoResult>? VideoRecorded;

    public Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken = default) => inner.UpsertRunAsync(run, cancellationToken);

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => inner.GetRunAsync(runId, cancellationToken);

    public async Task UpsertVideoAsync(string runId, VideoResult result, CancellationToken cancellationToken = default)
    {
        await inner.UpsertVideoAsync(runId, result, cancellationToken);
        VideoRecorded?.Invoke(runId, result);
    }

    public Task<VideoResult?> GetVideoAsync(string runId, string videoId, CancellationToken cancellationToken = default) =>
        inner.GetVideoAsync(runId, videoId, cancellationToken);

    public Task<IReadOnlyList<VideoResult>> GetVideosAsync(string runId, CancellationToken cancellationToken = default) =>
        inner.GetVideosAsync(runId, cancellationToken);

    public Task<VideoPage> GetVideosPageAsync(string runId, string? continuation, int pageSize, CancellationToken cancellationToken = default) =>
        inner.GetVideosPageAsync(runId, continuation, pageSize, cancellationToken);
}
