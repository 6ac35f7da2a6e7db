using System.Text.RegularExpressions;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>The clip counts docs/CALIBRATION.md states for the held-out-style set are the ones built (the README now quotes the protocol's test split instead).</summary>
public sealed class DocumentedClipCountTests
{
    [Theory]
    [InlineData("docs/CALIBRATION.md", @"`HeldOutStyleSmokeTests` builds (\d+) clips")]
    [InlineData("docs/CALIBRATION.md", @"(\d+) clips and \d+ small blurred ones are few")]
    public void The_documented_count_is_the_number_built(string doc, string pattern)
    {
        var text = File.ReadAllText(Path.Combine(SharedData.RepoRoot, doc)).ReplaceLineEndings(" ");
        var m = Regex.Match(Regex.Replace(text, @"\s+", " "), pattern);
        Assert.True(m.Success, $"{doc} no longer says /{pattern}/");
        Assert.Equal(HeldOutStyleSet.Build().Count, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
