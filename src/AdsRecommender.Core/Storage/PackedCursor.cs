using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Storage;

/// <summary>
/// A run's packed vectors read one batch at a time while its videos are visited in row order (as the ledger lists them):
/// memory holds one batch, not the run. A video not in the batch its row falls in (a repeated URL's copy, a damaged
/// batch, a run before packing) gives null: the caller reads its own files. Any order is correct; row order reads each
/// batch once.
/// </summary>
public sealed class PackedCursor(PackedBatches packed, string runId, int batches)
{
    private Dictionary<string, StoredVectors> _batch = new(StringComparer.Ordinal);
    private int _next;
    private long _lastRow = -1; // highest row index packed by the batches read so far

    /// <summary>The packed vectors of <paramref name="video"/>, or null when its batch did not pack it.</summary>
    public async Task<StoredVectors?> FindAsync(VideoResult video, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(video);
        while (true)
        {
            if (_batch.TryGetValue(video.VideoId, out var vectors)) return vectors;
            if (video.RowIndex <= _lastRow || _next >= batches) return null; // its batch has been read: not packed
            _batch = await packed.ReadAsync(runId, _next++, ct);
            foreach (var id in _batch.Keys)
                if (VideoNames.TryParseIndex(id) is { } row && row > _lastRow) _lastRow = row;
        }
    }
}
