using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// The copy phase of a run, after every batch: each row repeating an earlier URL (listed in the row shards) gets its
/// original's result and files under its own id. Originals are read from the ledger one at a time, so memory does not
/// grow with the run; a rerun after a crash copies again (idempotent) and counts the same.
/// </summary>
public sealed class DuplicateCopier(IRunStore store, IRunLedger ledger, VideoProcessor processor)
{
    public async Task<VideoTotals> CopyAllAsync(CopyDuplicatesInput input, CancellationToken ct = default)
    {
        var totals = VideoTotals.None;
        for (var shard = 0; shard < input.Shards; shard++)
        {
            if (await RowShard.TryReadAsync(store, input.RunId, shard, ct) is not { } rows) continue;
            var byIndex = rows.Rows.ToDictionary(r => r.Index);
            foreach (var d in rows.Duplicates)
            {
                var target = byIndex[d.Index];
                var source = await ledger.GetVideoAsync(input.RunId, Ingest.VideoNames.IdFor(d.SameAs), ct)
                    ?? VideoResult.Failed(Ingest.VideoNames.IdFor(d.SameAs), d.SameAs, 0, "no result recorded");
                VideoResult copy;
                try
                {
                    copy = await processor.CopyAsync(input.RunId, source, target, ct);
                }
                catch (TransientVideoException ex)
                {
                    copy = VideoResult.Failed(target.VideoId, target.Index, target.Performance, ex.Message);
                    await ledger.UpsertVideoAsync(input.RunId, copy, ct);
                }
                totals = totals.Add(copy);
            }
        }
        return totals;
    }
}
