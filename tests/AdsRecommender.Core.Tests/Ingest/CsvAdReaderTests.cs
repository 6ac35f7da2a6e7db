using System.Text;
using AdsRecommender.Core.Ingest;
using CsvHelper;

namespace AdsRecommender.Core.Tests.Ingest;

public sealed class CsvAdReaderTests
{
    [Fact]
    public async Task Reads_rows_with_indexes_performance_and_urls()
    {
        var r = await CsvText.ReadAsync("Performance,Video URL\n0.5,https://cdn.example.com/a.mp4\n1.25,http://cdn.example.com/b.mp4\n");
        Assert.Empty(r.Problems);
        Assert.Equal(2, r.Rows.Count);
        Assert.Equal(new AdRow(0, 0.5, new Uri("https://cdn.example.com/a.mp4")), r.Rows[0]);
        Assert.Equal("video(1)", r.Rows[1].VideoId);
        Assert.Equal(1.25, r.Rows[1].Performance);
        Assert.Equal(',', r.Separator);
        Assert.Equal(2, r.DataRowCount);
    }

    [Theory]
    [InlineData("performance,video url")]
    [InlineData("  Performance  ,  Video URL  ")]
    [InlineData("PERFORMANCE,VideoURL")]
    [InlineData("Performance,video_url")]
    [InlineData("\"Performance\",\"Video-URL\"")]
    [InlineData("Title,Performance,Notes,Video URL,Extra")]
    public async Task Header_match_is_tolerant_of_case_spaces_and_separators(string header)
    {
        var cols = header.Split(',').Select(c => c.Trim().Trim('"').Trim()).ToArray();
        var values = cols.Select(c => AdColumnsKey(c) switch
        {
            "performance" => "0.7",
            "videourl" => "https://x.example/v.mp4",
            _ => "other",
        });
        var r = await CsvText.ReadAsync(header + "\n" + string.Join(",", values) + "\n");
        Assert.Empty(r.Problems);
        var row = Assert.Single(r.Rows);
        Assert.Equal(0.7, row.Performance);
        Assert.Equal("https://x.example/v.mp4", row.Url.ToString());
    }

    private static string AdColumnsKey(string c) => c.ToLowerInvariant().Replace(" ", "").Replace("_", "").Replace("-", "");

    [Fact]
    public async Task Utf8_byte_order_mark_before_the_header_is_ignored()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Performance,Video URL\n0.1,https://a.example/x.mp4\n")).ToArray();
        var r = await CsvText.ReadAsync(bytes);
        Assert.Single(r.Rows);
    }

    [Fact]
    public async Task Utf16_file_with_byte_order_mark_is_read()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Performance;Video URL\r\n0.1;https://a.example/x.mp4\r\n")).ToArray();
        var r = await CsvText.ReadAsync(bytes);
        Assert.Equal(0.1, Assert.Single(r.Rows).Performance);
        Assert.Equal(';', r.Separator);
    }

    [Fact]
    public async Task Semicolon_separator_is_detected_and_reported()
    {
        var r = await CsvText.ReadAsync("Performance;Video URL\n0.5;https://a.example/1.mp4\n2;https://a.example/2.mp4\n");
        Assert.Equal(';', r.Separator);
        Assert.Equal(2, r.Rows.Count);
        Assert.Contains(r.Notes, n => n.Contains("Separator ';' detected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Excel_sep_line_sets_the_separator_and_is_not_a_row()
    {
        var r = await CsvText.ReadAsync("sep=;\nPerformance;Video URL\n0.5;https://a.example/1.mp4\nbad;https://a.example/2.mp4\n");
        Assert.Equal(';', r.Separator);
        Assert.Equal(0, Assert.Single(r.Rows).Index);
        Assert.Equal(4, Assert.Single(r.Problems).LineNumber);
    }

    [Fact]
    public async Task Quoted_commas_and_line_breaks_stay_inside_their_field()
    {
        var csv = "Title,Performance,Video URL\n\"Hello, world\",0.5,https://a.example/1.mp4\n\"two\nlines\",0.6,https://a.example/2.mp4\nplain,0.7,\"https://a.example/3.mp4?a=1,2\"\n";
        var r = await CsvText.ReadAsync(csv);
        Assert.Empty(r.Problems);
        Assert.Equal([0, 1, 2], r.Rows.Select(x => x.Index));
        Assert.Equal(0.6, r.Rows[1].Performance);
        Assert.Equal("https://a.example/3.mp4?a=1,2", r.Rows[2].Url.OriginalString);
    }

    [Fact]
    public async Task Rows_with_bad_performance_are_reported_and_skipped()
    {
        var csv = "Performance,Video URL\n0.5,https://a.example/0.mp4\nabc,https://a.example/1.mp4\n,https://a.example/2.mp4\nNaN,https://a.example/3.mp4\nInfinity,https://a.example/4.mp4\n\"1,5\",https://a.example/5.mp4\n1e999,https://a.example/6.mp4\n-0.25,https://a.example/7.mp4\n";
        var r = await CsvText.ReadAsync(csv);
        Assert.Equal([0, 7], r.Rows.Select(x => x.Index));
        Assert.Equal(-0.25, r.Rows[1].Performance);
        Assert.Equal(8, r.DataRowCount);
        Assert.Collection(r.Problems,
            p => { Assert.Equal(3, p.LineNumber); Assert.Equal("line 3 (video(1)): Performance 'abc' is not a number", p.Message); },
            p => { Assert.Equal(4, p.LineNumber); Assert.Contains("video(2)", p.Message); Assert.Contains("Performance is empty", p.Message); },
            p => { Assert.Equal(5, p.LineNumber); Assert.Contains("'NaN' is not a finite number", p.Message); },
            p => { Assert.Equal(6, p.LineNumber); Assert.Contains("'Infinity' is not a finite number", p.Message); },
            p => { Assert.Equal(7, p.LineNumber); Assert.Contains("use a dot as decimal separator (1.5)", p.Message); },
            p => { Assert.Equal(8, p.LineNumber); Assert.Contains("'1e999' is not a finite number", p.Message); });
    }

    [Fact]
    public async Task Rows_with_bad_urls_are_reported_and_skipped()
    {
        var csv = "Performance,Video URL\n0.1,\n0.2,ftp://a.example/x.mp4\n0.3,file:///etc/passwd\n0.4,javascript:alert(1)\n0.5,www.example.com/v.mp4\n0.6,http://\n0.7,/etc/passwd\n0.8,https://ok.example/v.mp4\n";
        var r = await CsvText.ReadAsync(csv);
        var ok = Assert.Single(r.Rows);
        Assert.Equal(7, ok.Index);
        Assert.Equal(7, r.Problems.Count);
        Assert.Contains("line 2 (video(0)): Video URL is empty", r.Problems[0].Message);
        Assert.Contains("scheme 'ftp' is not allowed (only http and https)", r.Problems[1].Message);
        Assert.Contains("scheme 'file' is not allowed", r.Problems[2].Message);
        Assert.Contains("scheme 'javascript' is not allowed", r.Problems[3].Message);
        Assert.Contains("has no scheme", r.Problems[4].Message);
        Assert.Contains("is not a valid URL", r.Problems[5].Message);
        Assert.Contains("has no scheme", r.Problems[6].Message);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], r.Problems.Select(p => p.LineNumber));
    }

    [Fact]
    public async Task Row_index_counts_skipped_rows_so_video_ids_follow_the_file()
    {
        var r = await CsvText.ReadAsync("Performance,Video URL\nx,https://a.example/0.mp4\n\n0.1,https://a.example/1.mp4\n,\n0.3,https://a.example/3.mp4\n");
        Assert.Equal(["video(1)", "video(3)"], r.Rows.Select(x => x.VideoId));
        Assert.Contains(r.Problems, p => p.LineNumber == 5 && p.Message.Contains("row is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Line_numbers_count_line_breaks_inside_quoted_fields()
    {
        var r = await CsvText.ReadAsync("Title,Performance,Video URL\n\"a\nb\nc\",0.1,https://a.example/0.mp4\nt,bad,https://a.example/1.mp4\n");
        var p = Assert.Single(r.Problems);
        Assert.Equal(5, p.LineNumber);
        Assert.StartsWith("line 5 (video(1)):", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_urls_are_kept_and_share_one_normalised_url()
    {
        var r = await CsvText.ReadAsync("Performance,Video URL\n0.1,https://CDN.Example.com:443/a.mp4\n0.2,https://cdn.example.com/a.mp4#t=3\n0.3,https://cdn.example.com/A.mp4\n");
        Assert.Equal(3, r.Rows.Count);
        var keys = r.Rows.Select(x => AdRowGrouping.NormalizeUrl(x.Url)).ToList();
        Assert.Equal(["https://cdn.example.com/a.mp4", "https://cdn.example.com/a.mp4", "https://cdn.example.com/A.mp4"], keys);
    }

    [Fact]
    public async Task Latin1_bytes_are_read_and_the_row_is_named_in_a_note()
    {
        var head = Encoding.ASCII.GetBytes("Title,Performance,Video URL\nok,0.1,https://a.example/0.mp4\n");
        var bad = Encoding.Latin1.GetBytes("caf\u00e9,0.2,https://a.example/vid\u00e9o.mp4\n");
        var r = await CsvText.ReadAsync([.. head, .. bad]);
        Assert.Equal(2, r.Rows.Count);
        Assert.Equal("https://a.example/vid%C3%A9o.mp4", r.Rows[1].Url.AbsoluteUri);
        Assert.Contains(r.Notes, n => n.StartsWith("line 3 (video(1)): bytes that are not valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Empty_file_is_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<CsvFormatException>(() => CsvText.ReadAsync(""));
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CsvFormatException>(() => CsvText.ReadAsync("\n\r\n  \n"));
    }

    [Fact]
    public async Task Header_only_file_gives_no_rows_and_says_so()
    {
        var r = await CsvText.ReadAsync("Performance,Video URL\n");
        Assert.Empty(r.Rows);
        Assert.Empty(r.Problems);
        Assert.Contains("no data rows", Assert.Single(r.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_columns_throw_naming_found_and_expected_columns()
    {
        var e = await Assert.ThrowsAsync<CsvFormatException>(() => CsvText.ReadAsync("perf,link\n0.1,https://a.example/x.mp4\n"));
        Assert.Contains("missing column 'Performance' and 'Video URL'", e.Message, StringComparison.Ordinal);
        Assert.Contains("found: 'perf', 'link'", e.Message, StringComparison.Ordinal);

        var e2 = await Assert.ThrowsAsync<CsvFormatException>(() => CsvText.ReadAsync("Performance,URL\n"));
        Assert.Contains("missing column 'Video URL'", e2.Message, StringComparison.Ordinal);
        Assert.Contains("found: 'Performance', 'URL'", e2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_header_says_the_first_line_looks_like_data()
    {
        var e = await Assert.ThrowsAsync<CsvFormatException>(() => CsvText.ReadAsync("0.1,https://a.example/x.mp4\n"));
        Assert.Contains("looks like data", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_quoting_skips_the_row_and_keeps_counting()
    {
        var r = await CsvText.ReadAsync("Performance,Video URL\n0.1,https://a.example/0.mp4\n0.2,\"https://a.example/1.mp4\"junk\n0.3,https://a.example/2.mp4\n");
        Assert.Equal([0, 2], r.Rows.Select(x => x.Index));
        var p = Assert.Single(r.Problems);
        Assert.Equal(3, p.LineNumber);
        Assert.Contains("malformed CSV quoting", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unclosed_quote_over_a_huge_tail_is_refused_not_buffered()
    {
        var sb = new StringBuilder("Performance,Video URL\n0.1,\"https://a.example/x.mp4\n");
        sb.Append(new string('a', 4 * CsvAdReader.MaxRecordBytes));
        var e = await Assert.ThrowsAsync<CsvFormatException>(() => CsvText.ReadAsync(sb.ToString()));
        Assert.Contains("after data row 0 (a quoted field may never be closed)", e.Message, StringComparison.Ordinal);
    }
}
