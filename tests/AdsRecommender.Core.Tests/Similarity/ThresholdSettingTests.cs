using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Tests.Similarity;

public sealed class ThresholdSettingTests
{
    [Theory]
    [InlineData("default", ThresholdKind.Default)]
    [InlineData(" AUTO ", ThresholdKind.Auto)]
    [InlineData("Default", ThresholdKind.Default)]
    public void Keywords_are_parsed_in_any_case(string text, ThresholdKind kind) =>
        Assert.Equal(kind, ThresholdSetting.Parse(text).Kind);

    [Theory]
    [InlineData("0.42", 0.42f)]
    [InlineData("-1", -1f)]
    [InlineData("1", 1f)]
    [InlineData(".5", 0.5f)]
    [InlineData("4.2e-1", 0.42f)]
    public void Numbers_in_range_are_fixed_thresholds(string text, float value)
    {
        var s = ThresholdSetting.Parse(text);
        Assert.Equal(ThresholdKind.Fixed, s.Kind);
        Assert.Equal(value, s.Value, 1e-6);
    }

    [Theory]
    [InlineData("0,42", "not valid")]
    [InlineData("high", "not valid")]
    [InlineData("", "not valid")]
    [InlineData(null, "not valid")]
    [InlineData("NaN", "not valid")]
    [InlineData("1.01", "between -1 and 1")]
    [InlineData("-2", "between -1 and 1")]
    public void Anything_else_is_an_ArgumentException_that_says_what_is_allowed(string? text, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => ThresholdSetting.Parse(text));
        Assert.Contains(expected, ex.Message);
        Assert.False(ThresholdSetting.TryParse(text, out _));
    }

    [Fact]
    public void Fixed_setting_prints_back_as_its_value() => Assert.Equal("0.42", ThresholdSetting.Parse("0.42").ToString());
}
