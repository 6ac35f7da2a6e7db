using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Storage;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// A batch's rows, cut from the CSV once when the run starts: batches read their shard (a few KB) instead of each
/// re-reading and re-parsing the whole CSV, and no orchestration payload carries rows of other batches.
/// </summary>
public sealed record RowShard(IReadOnlyList<AdRow> Rows, IReadOnlyList<DuplicateRow> Duplicates)
{
    public static string NameFor(int batch) => $"rows-{batch:D7}.json";

    /// <summary>Writes shard <c>b</c> = rows <c>[b*size, (b+1)*size)</c> for every batch, with the duplicates among them.</summary>
    public static async Task WriteAllAsync(IRunStore store, string runId, IReadOnlyList<AdRow> rows, IReadOnlyList<DuplicateRow> duplicates,
        int size, CancellationToken ct)
    {
        var duplicatesByIndex = duplicates.ToDictionary(d => d.Index);
        for (var (start, batch) = (0, 0); start < rows.Count; start += size, batch++)
        {
            var slice = rows.Skip(start).Take(size).ToList();
            var shard = new RowShard(slice, slice.Where(r => duplicatesByIndex.ContainsKey(r.Index)).Select(r => duplicatesByIndex[r.Index]).ToList());
            await store.WriteJsonAsync(runId, RunAreas.Shards, NameFor(batch), shard, ct);
        }
    }

    /// <summary>Shard <paramref name="batch"/>, or null when the run has none (it started before shards existed).</summary>
    public static Task<RowShard?> TryReadAsync(IRunStore store, string runId, int batch, CancellationToken ct) =>
        store.TryReadJsonAsync<RowShard>(runId, RunAreas.Shards, NameFor(batch), ct);
}
