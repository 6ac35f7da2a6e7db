using System.Globalization;
using AdsRecommender.Core.Ingest;
using CsvHelper;

namespace AdsRecommender.Core.Results;

/// <summary>
/// Writes the result CSVs (UTF-8 without BOM, <c>\n</c> line ends, invariant numbers, every text cell through
/// <see cref="CsvCell.Safe"/>). The required columns come first, in the original order; extra statistics follow.
/// <list type="bullet">
/// <item><c>similar_pairs_with_avg_performance.csv</c>: <c>Video 1, Video 2, Similarity, Performance 1, Performance 2, Average Performance</c>.</item>
/// <item><c>grouped_results.csv</c>: <c>Group, Videos, Video Count, Average Performance</c> (videos joined by <c>;</c>), then
/// <c>Median Performance, Std Dev, CI95 Low, CI95 High, Lift, Low Evidence, People, Cohesion</c>.</item>
/// <item><c>ungrouped_videos.csv</c>: <c>Video, Performance</c> for videos with a face that is in no group.</item>
/// <item><c>row_problems.csv</c>: <c>Line, Video, Problem</c> for each skipped row of the input CSV.</item>
/// </list>
/// </summary>
public static class ResultCsvWriter
{
    // Each column's header next to its cell, so adding a column is one line (the rows come shaped from ResultProjection).
    private static readonly Column<SimilarPair>[] PairColumns =
    [
        new("Video 1", p => p.Video1),
        new("Video 2", p => p.Video2),
        new("Similarity", p => Num(p.Similarity)),
        new("Performance 1", p => Num(p.Performance1)),
        new("Performance 2", p => Num(p.Performance2)),
        new("Average Performance", p => Num(p.AveragePerformance)),
    ];

    private static readonly Column<FaceGroup>[] GroupColumns =
    [
        new("Group", g => g.Number.ToString(CultureInfo.InvariantCulture)),
        new("Videos", g => string.Join(';', g.Videos)),
        new("Video Count", g => g.Videos.Count.ToString(CultureInfo.InvariantCulture)),
        new("Average Performance", g => Num(g.AveragePerformance)),
        new("Median Performance", g => Num(g.Stats.Median)),
        new("Std Dev", g => Num(g.Stats.StandardDeviation)),
        new("CI95 Low", g => Num(g.Stats.CiLow)),
        new("CI95 High", g => Num(g.Stats.CiHigh)),
        new("Lift", g => g.Stats.Lift is { } lift ? Num(lift) : ""),
        new("Low Evidence", g => g.Stats.LowEvidence ? "yes" : "no"),
        new("People", g => g.People.ToString(CultureInfo.InvariantCulture)),
        new("Cohesion", g => Num(g.Cohesion)),
    ];

    public static readonly string[] PairsHeader = [.. PairColumns.Select(c => c.Header)];

    public static readonly string[] GroupsHeader = [.. GroupColumns.Select(c => c.Header)];

    public static readonly string[] UngroupedHeader = ["Video", "Performance"];

    public static readonly string[] RowProblemsHeader = ["Line", "Video", "Problem"];

    public static void WritePairs(Stream stream, IEnumerable<SimilarPair> pairs) => Write(stream, PairColumns, pairs);

    public static void WriteGroups(Stream stream, IEnumerable<FaceGroup> groups) => Write(stream, GroupColumns, groups);

    public static void WriteUngrouped(Stream stream, GroupingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Write(stream, UngroupedHeader, result.Ungrouped.Select(v => new[]
        {
            v, result.Performance.TryGetValue(v, out var p) ? Num(p) : "",
        }));
    }

    public static void WriteRowProblems(Stream stream, IEnumerable<RowProblem> problems) =>
        Write(stream, RowProblemsHeader, problems.Select(p => new[] { p.LineNumber.ToString(CultureInfo.InvariantCulture), p.VideoId, p.Reason }));

    private sealed record Column<T>(string Header, Func<T, string> Cell);

    private static void Write<T>(Stream stream, Column<T>[] columns, IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Write(stream, [.. columns.Select(c => c.Header)], rows.Select(r => columns.Select(c => c.Cell(r)).ToArray()));
    }

    // 12 significant digits: exact for the inputs, without binary noise such as 0.31999999999999995.
    private static string Num(double v) => double.IsFinite(v) ? v.ToString("G12", CultureInfo.InvariantCulture) : "";

    private static string Num(float v) => float.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static void Write(Stream stream, string[] header, IEnumerable<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Injection handling is ours (CsvCell.Safe leaves numbers such as -0.5 alone), so CsvHelper's is off.
        var options = CsvWriterOptions.Default with { NewLine = "\n", Injection = CsvInjection.None, WriteByteOrderMark = false, FormatProvider = CultureInfo.InvariantCulture };
        using var csv = CsvWriter.Create(stream, options, leaveOpen: true);
        foreach (var h in header) csv.WriteField(h);
        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row) csv.WriteField(CsvCell.Safe(cell));
            csv.EndRecord();
        }
        csv.Flush();
    }
}
