using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Storage;
using CsvHelper;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// Reads a run's CSV from the store: slices of valid rows, repeated URLs, the count of skipped rows (the rows themselves go
/// to <c>row_problems.csv</c>). A batched run's CSV is read once: the summary read writes the row shards
/// (<see cref="RowShard"/>) that the batches' reads return.
/// </summary>
public sealed class AdsReader(IRunStore store, ResultStore results, IRunLedger ledger, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// Valid rows <c>[skip, skip+take)</c> of <paramref name="csvName"/> in area "input". With <paramref name="summary"/> (the
    /// run's first read, <paramref name="take"/> = its batch size) the answer counts the whole file's skipped rows and
    /// duplicates, records the run in the ledger and writes the row shards and <c>row_problems.csv</c>; without, only the
    /// slice's rows and the duplicates among them (a batch's view).
    /// </summary>
    public async Task<AdsSlice> ReadAsync(string runId, string csvName, int skip, int take, bool summary, CancellationToken ct = default)
    {
        if (!summary && take > 0 && skip % take == 0
            && await RowShard.TryReadAsync(store, runId, skip / take, ct) is { } shard)
            return new AdsSlice(shard.Rows, 0, shard.Rows.Count, shard.Duplicates);

        AdReadResult read;
        try
        {
            await using var csv = await store.OpenReadAsync(runId, RunAreas.Input, csvName, ct);
            read = await CsvAdReader.ReadAsync(csv, ct);
        }
        catch (Exception ex) when (ex is CsvFormatException or FileNotFoundException or ArgumentException)
        {
            var message = $"cannot read {csvName}: {ex.Message}";
            if (summary)
                await ledger.UpsertRunAsync(new RunRecord(runId, csvName, RunStatus.Failed, _clock.GetUtcNow(), Message: message), ct);
            return new AdsSlice([], 0, 0, [], message);
        }

        var duplicates = FindDuplicates(read.Rows);
        var total = read.Rows.Count;
        if (summary)
        {
            await ledger.UpsertRunAsync(new RunRecord(runId, csvName, RunStatus.Running, _clock.GetUtcNow(),
                RowsRead: total, Skipped: read.ProblemCount), ct);
            // one shard per batch (the copy phase reads the duplicates there); batched runs carry no rows in the orchestration
            await RowShard.WriteAllAsync(store, runId, read.Rows, duplicates, take, ct);
            // the skipped rows are a file of the run; the orchestration carries only their count
            await results.WriteRowProblemsAsync(runId, read.Problems, ct);
            if (total <= take) return new AdsSlice(read.Rows, read.ProblemCount, total, duplicates);
            return new AdsSlice([], read.ProblemCount, total, []);
        }

        var slice = read.Rows.Skip(skip).Take(take).ToList();
        var inSlice = slice.Select(r => r.Index).ToHashSet();
        return new AdsSlice(slice, 0, total, duplicates.Where(d => inSlice.Contains(d.Index)).ToList());
    }

    /// <summary>Rows whose URL appeared in an earlier row; each points at the first row with that URL.</summary>
    public static IReadOnlyList<DuplicateRow> FindDuplicates(IReadOnlyList<AdRow> rows)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var duplicates = new List<DuplicateRow>();
        foreach (var row in rows)
        {
            var key = AdRowGrouping.NormalizeUrl(row.Url);
            if (first.TryGetValue(key, out var original)) duplicates.Add(new DuplicateRow(row.Index, original));
            else first[key] = row.Index;
        }
        return duplicates;
    }
}

/// <summary>What <see cref="AdsReader.ReadAsync"/> read.</summary>
/// <param name="Rows">The requested slice of valid rows.</param>
/// <param name="SkippedRows">Bad rows in the whole file (summary read only); they are listed in the run's <c>row_problems.csv</c>.</param>
/// <param name="TotalRows">Valid rows in the whole file.</param>
/// <param name="Error">Set when the file could not be read at all (missing, bad header).</param>
public sealed record AdsSlice(
    IReadOnlyList<AdRow> Rows,
    int SkippedRows,
    int TotalRows,
    IReadOnlyList<DuplicateRow> Duplicates,
    string? Error = null);
