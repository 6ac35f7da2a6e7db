using System.Globalization;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Similarity;
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
/// </list>
/// </summary>
public static class ResultCsvWriter
{
    public static readonly string[] PairsHeader = ["Video 1", "Video 2", "Similarity", "Performance 1", "Performance 2", "Average Performance"];

    public static readonly string[] GroupsHeader =
    [
        "Group", "Videos", "Video Count", "Average Performance",
        "Median Performance", "Std Dev", "CI95 Low", "CI95 High", "Lift", "Low Evidence", "People", "Cohesion",
    ];

    public static readonly string[] UngroupedHeader = ["Video", "Performance"];

    public static void WritePairs(Stream stream, IEnumerable<SimilarPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        Write(stream, PairsHeader, pairs.Select(p => new[]
        {
            p.Video1, p.Video2, Num(p.Similarity), Num(p.Performance1), Num(p.Performance2), Num(p.AveragePerformance),
        }));
    }

    public static void WriteGroups(Stream stream, IEnumerable<FaceGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Write(stream, GroupsHeader, groups.Select(g => new[]
        {
            g.Number.ToString(CultureInfo.InvariantCulture),
            string.Join(';', g.Videos),
            g.Videos.Count.ToString(CultureInfo.InvariantCulture),
            Num(g.AveragePerformance),
            Num(g.Stats.Median),
            Num(g.Stats.StandardDeviation),
            Num(g.Stats.CiLow),
            Num(g.Stats.CiHigh),
            g.Stats.Lift is { } lift ? Num(lift) : "",
            g.Stats.LowEvidence ? "yes" : "no",
            g.People.ToString(CultureInfo.InvariantCulture),
            Num(g.Cohesion),
        }));
    }

    public static void WriteUngrouped(Stream stream, GroupingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Write(stream, UngroupedHeader, result.Ungrouped.Select(v => new[]
        {
            v, result.Performance.TryGetValue(v, out var p) ? Num(p) : "",
        }));
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
