using System.Globalization;
using AdsRecommender.Core.Ingest;

namespace AdsRecommender.Core.Tests.Ingest;

public sealed class CsvAdReaderScaleTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_million_row_file_is_read_as_a_stream()
    {
        const int count = 1_000_000;
        var path = Path.Combine(Path.GetTempPath(), $"adsrec-1m-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var w = new StreamWriter(path))
            {
                await w.WriteLineAsync("Performance,Video URL");
                for (var i = 0; i < count; i++)
                    await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{i % 1000 / 1000.0},https://cdn.example.com/v/{i}.mp4"));
                await w.WriteLineAsync("oops,https://cdn.example.com/v/bad.mp4");
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            long seen = 0, lastIndex = -1;
            await using (var s = File.OpenRead(path))
            {
                var summary = await CsvAdReader.ForEachAsync(s, row => { seen++; lastIndex = row.Index; });
                Assert.Empty(summary.Rows);
                Assert.Equal(count + 1, summary.DataRowCount);
                Assert.Equal(count + 2, Assert.Single(summary.Problems).LineNumber);
            }
            output.WriteLine($"streamed 1M rows in {clock.ElapsedMilliseconds} ms");
            clock.Restart();
            Assert.Equal(count, seen);
            Assert.Equal(count - 1, lastIndex);

            await using (var s = File.OpenRead(path))
            {
                var all = await CsvAdReader.ReadAsync(s);
                Assert.Equal(count, all.Rows.Count);
                Assert.Equal("https://cdn.example.com/v/999999.mp4", all.Rows[^1].Url.OriginalString);
                output.WriteLine($"read 1M rows into a list in {clock.ElapsedMilliseconds} ms");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Problems_are_listed_up_to_10_000_and_the_rest_counted()
    {
        // 12,345 bad rows (every third data row is good): the first 10,000 listed by line, 2,345 counted in the note
        const int bad = 12_345;
        var csv = new System.Text.StringBuilder("Performance,Video URL\n");
        var badLines = new List<int>();
        var line = 1;
        for (var i = 0; badLines.Count < bad; i++)
        {
            line++;
            if (i % 3 == 2) csv.Append(CultureInfo.InvariantCulture, $"0.5,https://cdn.example.com/v/{i}.mp4\n");
            else
            {
                csv.Append(CultureInfo.InvariantCulture, $"bad{i},https://cdn.example.com/v/{i}.mp4\n");
                badLines.Add(line);
            }
        }
        var good = line - 1 - bad;

        using var s = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv.ToString()));
        var seen = 0;
        var summary = await CsvAdReader.ForEachAsync(s, _ => seen++);

        Assert.Equal(good, seen);
        Assert.Equal(10_000, summary.Problems.Count);
        Assert.Equal(bad, summary.ProblemCount); // counted all, listed up to the cap
        Assert.Equal(badLines.Take(10_000), summary.Problems.Select(p => p.LineNumber));
        Assert.Contains("2345 more problem rows were skipped and are not listed.", summary.Notes);
    }
}
