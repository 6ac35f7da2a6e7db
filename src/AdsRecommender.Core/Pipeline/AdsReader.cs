using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using CsvHelper;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// Reads a run's CSV from the store and answers <see cref="ReadAdsInput"/> (slices, repeated URLs, the count of skipped rows; the rows themselves go to <c>row_problems.csv</c>). A batched run's
/// CSV is read once: the summary read writes the row shards (<see cref="RowShard"/>) that the batches' reads return.
/// </summary>
public sealed class AdsReader(IRunStore store, ResultStore results, IRunLedger ledger, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<ReadAdsOutput> ReadAsync(ReadAdsInput input, CancellationToken ct = default)
    {
        if (!input.Summary && input.Take > 0 && input.Skip % input.Take == 0
            && await RowShard.TryReadAsync(store, input.RunId, input.Skip / input.Take, ct) is { } shard)
            return new ReadAdsOutput(shard.Rows, 0, shard.Rows.Count, shard.Duplicates);

        AdReadResult read;
        try
        {
            await using var csv = await store.OpenReadAsync(input.RunId, RunAreas.Input, input.CsvName, ct);
            read = await CsvAdReader.ReadAsync(csv, ct);
        }
        catch (Exception ex) when (ex is CsvFormatException or FileNotFoundException or ArgumentException)
        {
            var message = $"cannot read {input.CsvName}: {ex.Message}";
            if (input.Summary)
                await ledger.UpsertRunAsync(new RunRecord(input.RunId, input.CsvName, RunStatus.Failed, _clock.GetUtcNow(), Message: message), ct);
            return new ReadAdsOutput([], 0, 0, [], message);
        }

        var duplicates = FindDuplicates(read.Rows);
        var total = read.Rows.Count;
        if (input.Summary)
        {
            await ledger.UpsertRunAsync(new RunRecord(input.RunId, input.CsvName, RunStatus.Running, _clock.GetUtcNow(),
                RowsRead: total, Skipped: read.ProblemCount), ct);
            // one shard per batch (the copy phase reads the duplicates there); batched runs carry no rows in the orchestration
            await RowShard.WriteAllAsync(store, input.RunId, read.Rows, duplicates, input.Take, ct);
            // the skipped rows are a file of the run; the orchestration carries only their count
            await results.WriteRowProblemsAsync(input.RunId, read.Problems, ct);
            if (total <= input.Take) return new ReadAdsOutput(read.Rows, read.ProblemCount, total, duplicates);
            return new ReadAdsOutput([], read.ProblemCount, total, []);
        }

        var slice = read.Rows.Skip(input.Skip).Take(input.Take).ToList();
        var inSlice = slice.Select(r => r.Index).ToHashSet();
        return new ReadAdsOutput(slice, 0, total, duplicates.Where(d => inSlice.Contains(d.Index)).ToList());
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
