using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace AdsRecommender.Core.Ingest;

/// <summary>
/// Reads the input CSV (columns <c>Performance</c> and <c>Video URL</c>) as a stream, row by row.
/// A bad header throws <see cref="CsvFormatException"/> (CsvHelper's) naming the columns found and expected;
/// a bad row becomes a <see cref="RowProblem"/> and is skipped. Row indexes count every data row, skipped or not,
/// so <c>video(3)</c> is always the fourth data row. See docs/HOSTILE_INPUT.md.
/// </summary>
public static class CsvAdReader
{
    /// <summary>Records longer than this (bytes) are refused: an unclosed quote cannot swallow a huge file.</summary>
    public const int MaxRecordBytes = 1 << 20;

    /// <summary>
    /// At most this many problems are listed (kept in memory, then written to the run's <c>row_problems.csv</c>); every bad
    /// row is still counted (<see cref="AdReadResult.ProblemCount"/>) and the rest are named in a note, so a file of
    /// millions of bad rows costs bounded memory.
    /// </summary>
    public const int MaxListedProblems = 10_000;

    public static async Task<AdReadResult> ReadAsync(Stream csv, CancellationToken ct = default)
    {
        var rows = new List<AdRow>();
        var result = await ForEachAsync(csv, rows.Add, ct);
        return result with { Rows = rows };
    }

    /// <summary>Streams valid rows to <paramref name="onRow"/> without keeping them; the result has no rows.</summary>
    public static async Task<AdReadResult> ForEachAsync(Stream csv, Action<AdRow> onRow, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(onRow);

        var (prefix, prefixLength) = await CsvHeader.PeekAsync(csv, ct);
        var firstLine = CsvHeader.FirstLine(prefix, prefixLength);
        if (string.IsNullOrWhiteSpace(firstLine))
            throw new CsvFormatException(
                $"The CSV file is empty: expected a header line with columns '{AdColumns.Performance}' and '{AdColumns.VideoUrl}'.");

        var state = new CsvReadState();
        var (separator, excelHint) = CsvHeader.Separator(firstLine, state.Notes);
        var source = new PrefixedReadStream(prefix, prefixLength, csv);
        await using var reader = CsvReader.Create(source, ReaderOptions(separator, excelHint, state), leaveOpen: true);
        var (perfIndex, urlIndex) = await CsvHeader.ReadColumnsAsync(reader, firstLine, state, ct);

        while (await NextRecordAsync(reader, state, ct))
        {
            if (ReadRow(reader, perfIndex, urlIndex, state) is { } row) onRow(row);
        }

        if (state.Unlisted > 0) state.Notes.Add($"{state.Unlisted} more problem rows were skipped and are not listed.");
        if (state.DataIndex == 0) state.Notes.Add("The CSV has a header but no data rows.");
        return new AdReadResult([], state.Problems)
        {
            DataRowCount = state.DataIndex, ProblemCount = state.Problems.Count + state.Unlisted, Separator = separator, Notes = state.Notes,
        };
    }

    private static CsvReaderOptions ReaderOptions(char separator, bool excelHint, CsvReadState state) => new()
    {
        Separator = excelHint ? null : separator,
        HasHeader = true,
        Mode = CsvMode.Rfc4180,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        AllowLineBreaksInQuotes = true,
        TrimWhitespace = true,
        MaxRecordSize = MaxRecordBytes,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        IncludeValuesInExceptions = false,
        DetectSeparatorHint = excelHint,
        FormatProvider = CultureInfo.InvariantCulture,
        OnMalformedRecord = m =>
        {
            if (!state.HeaderRead) return;
            if (!m.Skipped) return;
            state.AddProblem(m.LineNumber, state.DataIndex, $"malformed CSV quoting ({Describe(m.Reason)}); row skipped");
            state.DataIndex++;
        },
    };

    private static async Task<bool> NextRecordAsync(CsvReader reader, CsvReadState state, CancellationToken ct)
    {
        try
        {
            return await reader.ReadAsync(ct);
        }
        catch (CsvFormatException e)
        {
            throw new CsvFormatException(
                $"The CSV could not be read after data row {state.DataIndex} (a quoted field may never be closed): {e.Message}");
        }
    }

    /// <summary>The current record as a row, or null when it is blank (not a row) or has a problem (recorded).</summary>
    private static AdRow? ReadRow(CsvReader reader, int perfIndex, int urlIndex, CsvReadState state)
    {
        var line = reader.LineNumber;
        var raw = reader.RawRecord;
        if (raw.IsEmpty || raw.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0) return null; // blank line: not a row

        var index = state.DataIndex++;
        var perfText = Field(reader, perfIndex, out var perfLatin1);
        var urlText = Field(reader, urlIndex, out var urlLatin1);
        if (perfLatin1 || urlLatin1 || !Utf8.IsValid(raw))
            state.Notes.Add($"line {line} ({VideoNames.IdFor(index)}): bytes that are not valid UTF-8 were read as Latin-1; save the file as UTF-8.");

        if (string.IsNullOrWhiteSpace(perfText) && string.IsNullOrWhiteSpace(urlText))
        {
            state.AddProblem(line, index, "row is empty (no Performance and no Video URL)");
            return null;
        }
        var perfOk = AdValueParser.TryParsePerformance(perfText, out var performance, out var perfReason);
        var urlOk = AdValueParser.TryParseUrl(urlText, out var url, out var urlReason);
        if (!perfOk || !urlOk)
        {
            state.AddProblem(line, index, string.Join("; ", new[] { perfReason, urlReason }.Where(r => r is not null)));
            return null;
        }
        return new AdRow(index, performance, url!);
    }

    private static string Field(CsvReader reader, int index, out bool readAsLatin1)
    {
        var span = reader.GetSpan(index);
        if (Utf8.IsValid(span))
        {
            readAsLatin1 = false;
            return Encoding.UTF8.GetString(span);
        }
        readAsLatin1 = true;
        return Encoding.Latin1.GetString(span);
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside quotes",
        CsvMalformedReason.FieldCountMismatch => "wrong number of fields",
        _ => reason.ToString(),
    };
}
