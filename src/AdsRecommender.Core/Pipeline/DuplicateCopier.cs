using System.Runtime.CompilerServices;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// The copy phase of a run, after every batch: each row repeating an earlier URL (listed in the row shards) gets its
/// original's result and files under its own id. Originals are read from the ledger one at a time, so memory does not
/// grow with the run; a rerun after a crash copies again (idempotent) and yields the same results.
/// </summary>
public sealed class DuplicateCopier(IRunStore store, IRunLedger ledger, VideoProcessor processor)
{
    /// <summary>Copies the repeated rows of the run's <paramref name="shards"/> row shards; yields each copy's result (recorded in the ledger).</summary>
    public async IAsyncEnumerable<VideoResult> CopyAllAsync(string runId, int shards, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var shard = 0; shard < shards; shard++)
        {
            if (await RowShard.TryReadAsync(store, runId, shard, ct) is not { } rows) continue;
            var byIndex = rows.Rows.ToDictionary(r => r.Index);
            foreach (var d in rows.Duplicates)
            {
                var target = byIndex[d.Index];
                var source = await ledger.GetVideoAsync(runId, Ingest.VideoNames.IdFor(d.SameAs), ct)
                    ?? VideoResult.Failed(Ingest.VideoNames.IdFor(d.SameAs), d.SameAs, 0, "no result recorded");
                VideoResult copy;
                try
                {
                    copy = await processor.CopyAsync(runId, source, target, ct);
                }
                catch (TransientVideoException ex)
                {
                    copy = VideoResult.Failed(target.VideoId, target.Index, target.Performance, ex.Message);
                    await ledger.UpsertVideoAsync(runId, copy, ct);
                }
                yield return copy;
            }
        }
    }
}
