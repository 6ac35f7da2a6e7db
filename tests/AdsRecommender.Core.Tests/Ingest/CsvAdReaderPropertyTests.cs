using System.Globalization;
using System.Text;
using AdsRecommender.Core.Ingest;
using CsvHelper;
using FsCheck;
using FsCheck.Xunit;

namespace AdsRecommender.Core.Tests.Ingest;

public sealed class CsvAdReaderPropertyTests
{
    private const string Alphabet = ",;\"\n\r\t .0123456789eE+-abch:/PerfomanVideoURL\u00e9\uFEFF";

    [Property(MaxTest = 200)]
    public bool Valid_rows_written_by_a_csv_writer_read_back_unchanged(NormalFloat[] performances, string[] titles, bool semicolon)
    {
        var rows = performances.Select((p, i) => (Perf: p.Get, Url: $"https://cdn{i % 7}.example.com/v/{i}.mp4?sig=a%2Cb&n={i}",
            Title: titles.Length == 0 ? "t" : titles[i % titles.Length] ?? "")).ToList();
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, new CsvWriterOptions { Separator = semicolon ? ';' : ',' }, leaveOpen: true))
        {
            writer.WriteRecord(["Title", "Performance", "Video URL"]);
            foreach (var r in rows)
                writer.WriteRecord([r.Title, r.Perf.ToString("R", CultureInfo.InvariantCulture), r.Url]);
        }
        stream.Position = 0;
        var result = CsvAdReader.ReadAsync(stream).GetAwaiter().GetResult();

        Assert.Empty(result.Problems);
        Assert.Equal(rows.Count, result.Rows.Count);
        Assert.Equal(rows.Count, result.DataRowCount);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(i, result.Rows[i].Index);
            Assert.Equal(rows[i].Perf, result.Rows[i].Performance);
            Assert.Equal(rows[i].Url, result.Rows[i].Url.OriginalString);
        }
        return true;
    }

    [Property(MaxTest = 300)]
    public bool Random_bytes_after_a_valid_header_give_rows_or_problems_never_other_exceptions(byte[] garbage, bool asAlphabet)
    {
        var body = asAlphabet
            ? Encoding.UTF8.GetBytes(new string(garbage.Select(b => Alphabet[b % Alphabet.Length]).ToArray()))
            : garbage;
        return CheckInvariants([.. Encoding.UTF8.GetBytes("Performance,Video URL\n"), .. body]);
    }

    [Property(MaxTest = 300)]
    public bool Random_bytes_as_a_whole_file_throw_only_CsvFormatException(byte[] garbage, bool asAlphabet)
    {
        var bytes = asAlphabet
            ? Encoding.UTF8.GetBytes(new string(garbage.Select(b => Alphabet[b % Alphabet.Length]).ToArray()))
            : garbage;
        return CheckInvariants(bytes);
    }

    private static bool CheckInvariants(byte[] bytes)
    {
        AdReadResult result;
        try
        {
            result = CsvText.ReadAsync(bytes).GetAwaiter().GetResult();
        }
        catch (CsvFormatException e)
        {
            return e.Message.Length > 0;
        }
        var indexes = result.Rows.Select(r => r.Index).ToList();
        Assert.Equal(indexes.OrderBy(i => i), indexes);
        Assert.Equal(indexes.Count, indexes.Distinct().Count());
        Assert.All(indexes, i => Assert.InRange(i, 0, result.DataRowCount - 1));
        Assert.True(result.Rows.Count + result.Problems.Count <= result.DataRowCount);
        Assert.All(result.Rows, r => Assert.True(double.IsFinite(r.Performance)));
        Assert.All(result.Rows, r => Assert.Contains(r.Url.Scheme, new[] { "http", "https" }));
        Assert.All(result.Problems, p => Assert.StartsWith($"line {p.LineNumber} (video(", p.Message, StringComparison.Ordinal));
        Assert.All(result.Problems, p => Assert.True(p.LineNumber >= 2));
        return true;
    }
}
