using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace AdsRecommender.Core.Ingest;

/// <summary>
/// The CSV's header line: peeked and decoded by its BOM before the reader starts, so the separator can be chosen from it
/// (or from Excel's <c>sep=</c> line); then the Performance and Video URL columns found in it, or an error naming what
/// the header holds.
/// </summary>
internal static class CsvHeader
{
    private const int PeekBytes = 16 * 1024;

    /// <summary>The first bytes of the file, up to the first line break (or <see cref="PeekBytes"/>), handed back to the reader after.</summary>
    public static async Task<(byte[] Buffer, int Length)> PeekAsync(Stream csv, CancellationToken ct)
    {
        var buffer = new byte[PeekBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = await csv.ReadAsync(buffer.AsMemory(length), ct);
            if (n == 0) break;
            length += n;
            if (buffer.AsSpan(0, length).Contains((byte)'\n')) break;
        }
        return (buffer, length);
    }

    /// <summary>The first non-blank line of the peeked bytes, decoded by BOM (UTF-8 without one; invalid bytes as Latin-1).</summary>
    public static string FirstLine(byte[] buffer, int length)
    {
        var bytes = buffer.AsSpan(0, length);
        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) text = Encoding.Unicode.GetString(bytes[2..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) text = Encoding.BigEndianUnicode.GetString(bytes[2..]);
        else
        {
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
            text = Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        }
        foreach (var line in text.Split('\n'))
            if (!string.IsNullOrWhiteSpace(line)) return line.TrimEnd('\r');
        return "";
    }

    /// <summary>The separator: from an Excel <c>sep=</c> line, else detected from the header line (noted unless ',').</summary>
    public static (char Separator, bool ExcelHint) Separator(string firstLine, List<string> notes)
    {
        var excelHint = firstLine.Length == 5 && firstLine.StartsWith("sep=", StringComparison.OrdinalIgnoreCase);
        var separator = excelHint ? firstLine[4] : AdColumns.DetectSeparator(firstLine);
        if (excelHint)
            notes.Add($"Separator '{separator}' set by the Excel 'sep=' line.");
        else if (separator != ',')
            notes.Add($"Separator '{(separator == '\t' ? "\\t" : separator.ToString())}' detected from the header line.");
        return (separator, excelHint);
    }

    /// <summary>Reads the header; the indexes of the Performance and Video URL columns, or a <see cref="CsvFormatException"/> naming what was found.</summary>
    public static async Task<(int Performance, int Url)> ReadColumnsAsync(CsvReader reader, string firstLine, CsvReadState state, CancellationToken ct)
    {
        try
        {
            await reader.ReadHeaderAsync(ct);
        }
        catch (CsvFormatException e)
        {
            throw new CsvFormatException($"The CSV header line could not be read: {e.Message}");
        }
        state.HeaderRead = true;

        var headers = reader.Headers.ToArray();
        var perfIndex = Array.FindIndex(headers, AdColumns.IsPerformance);
        var urlIndex = Array.FindIndex(headers, AdColumns.IsVideoUrl);
        if (perfIndex < 0 || urlIndex < 0)
            throw new CsvFormatException(MissingColumnsMessage(headers, perfIndex < 0, urlIndex < 0, firstLine));
        if (headers.Count(AdColumns.IsPerformance) > 1 || headers.Count(AdColumns.IsVideoUrl) > 1)
            state.Notes.Add("The header names a column more than once; the first one is used.");
        return (perfIndex, urlIndex);
    }

    public static string MissingColumnsMessage(string[] headers, bool noPerf, bool noUrl, string firstLine)
    {
        var missing = string.Join(" and ", new[] { noPerf ? $"'{AdColumns.Performance}'" : null, noUrl ? $"'{AdColumns.VideoUrl}'" : null }
            .Where(s => s is not null));
        var found = headers.Length == 0 ? "none" : string.Join(", ", headers.Select(h => $"'{AdValueParser.Show(h)}'"));
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"The CSV header is missing column {missing}. Expected columns '{AdColumns.Performance}' and '{AdColumns.VideoUrl}'; found: {found}.");
        if (headers.Length > 0 && headers.All(h => AdValueParser.TryParsePerformance(h, out _, out _) || h.Contains("://", StringComparison.Ordinal)))
            sb.Append(" The first line looks like data: the file must start with a header line.");
        else if (firstLine.Contains(';') || firstLine.Contains('\t'))
            sb.Append(" Separators tried: ',', ';', tab and '|'.");
        return sb.ToString();
    }
}
