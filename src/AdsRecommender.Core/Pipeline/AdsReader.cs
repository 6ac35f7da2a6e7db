using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Storage;
using CsvHelper;

namespace AdsRecommender.Core.Pipeline;

/// <summary>Reads a run's CSV from the store and answers <see cref="ReadAdsInput"/> (slices, repeated URLs, problems).</summary>
public sealed class AdsReader(IRunStore store, IRunLedger ledger, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<ReadAdsOutput> ReadAsync(ReadAdsInput input, CancellationToken ct = default)
    {
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
            return new ReadAdsOutput([], [], 0, [], message);
        }

        var duplicates = FindDuplicates(read.Rows);
        var total = read.Rows.Count;
        if (input.Summary)
        {
            await ledger.UpsertRunAsync(new RunRecord(input.RunId, input.CsvName, RunStatus.Running, _clock.GetUtcNow(),
                RowsRead: total, Skipped: read.Problems.Count), ct);
            var rows = total <= input.Take ? read.Rows : [];
            return new ReadAdsOutput(rows, read.Problems, total, duplicates);
        }

        var slice = read.Rows.Skip(input.Skip).Take(input.Take).ToList();
        var inSlice = slice.Select(r => r.Index).ToHashSet();
        return new ReadAdsOutput(slice, [], total, duplicates.Where(d => inSlice.Contains(d.Index)).ToList());
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
