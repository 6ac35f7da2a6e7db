using System.Globalization;
using AdsRecommender.Core.Ingest;
using CsvHelper;

namespace AdsRecommender.Core.Results;

/// <summary>
/// Reads back the first rows of <c>row_problems.csv</c> (written by <see cref="ResultCsvWriter.WriteRowProblems"/>): the
/// summary, the report and the CLI list a few and point at the file for the rest, so none holds a list that grows with the bad rows.
/// </summary>
public static class RowProblemsCsv
{
    /// <summary>How many skipped rows the summary, report and CLI list; the rest are counted and left in the file.</summary>
    public const int Shown = 20;

    /// <summary>The file's first <paramref name="max"/> problems, in file order (cells as written: formula-safe).</summary>
    public static async Task<IReadOnlyList<RowProblem>> ReadFirstAsync(Stream csv, int max, CancellationToken ct = default)
    {
        var problems = new List<RowProblem>();
        if (max <= 0) return problems;
        var options = new CsvReaderOptions { HasHeader = true, Separator = ',', FormatProvider = CultureInfo.InvariantCulture };
        await using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        while (problems.Count < max && await reader.ReadAsync(ct))
        {
            var line = int.TryParse(reader.GetString(0), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
            problems.Add(new RowProblem(line, reader.GetString(1), reader.GetString(2)));
        }
        return problems;
    }

    /// <summary>The line that points at the file for the problems not listed (null when all are listed).</summary>
    public static string? More(int total, int listed, string where) =>
        total <= listed ? null
        : total > CsvAdReader.MaxListedProblems
            ? $"and {total - listed} more: the first {CsvAdReader.MaxListedProblems} are in {where}, the rest are counted only"
            : $"and {total - listed} more in {where}";
}
