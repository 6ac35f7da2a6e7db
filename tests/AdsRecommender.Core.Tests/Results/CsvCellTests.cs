using AdsRecommender.Core.Results;

namespace AdsRecommender.Core.Tests.Results;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-", "'-")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("- 1", "'- 1")]
    public void Text_that_a_spreadsheet_would_run_is_quoted(string input, string expected) =>
        Assert.Equal(expected, CsvCell.Safe(input));

    [Theory]
    [InlineData("-0.5")]
    [InlineData("+1")]
    [InlineData("-1E-05")]
    [InlineData("video(3)")]
    [InlineData("0.42")]
    [InlineData("")]
    [InlineData("a=b")]
    public void Numbers_and_plain_text_are_unchanged(string input) =>
        Assert.Equal(input, CsvCell.Safe(input));

    [Fact]
    public void Null_becomes_empty() => Assert.Equal("", CsvCell.Safe(null));
}
