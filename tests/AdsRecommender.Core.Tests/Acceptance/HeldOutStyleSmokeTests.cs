using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// A smoke test, end to end from clips to groups on the repository's own held-out-style clips (clean, small and blurred,
/// dark, grayscale and mirrored, lower face covered, a second face, people seen once, face-less and broken clips), shipped
/// defaults: nobody merged, no face-less clip grouped, pairwise F1 >= 0.99. Not an accuracy measurement: its people are
/// in the protocol's calibration and validation splits (docs/CALIBRATION.md), which chose the settings; accuracy is
/// guarded by <see cref="ValidationAccuracyTests"/> and measured on the test split (<see cref="TestSplitAccuracyTests"/>).
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class HeldOutStyleSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Default_settings_group_held_out_people_without_merging_anyone()
    {
        var set = await AnalyzedSet.AnalyzeAsync(HeldOutStyleSet.Build());
        foreach (var line in set.Log) output.WriteLine(line);
        foreach (var (name, identity) in set.Truth)
            if (identity is not null)
                Assert.Contains(set.Videos, v => v.VideoId == name && v.Primary.Length > 0);

        var result = ResultProjection.Group(set.Videos, new GroupingOptions());
        foreach (var g in result.Groups)
            output.WriteLine($"group {g.Number}: {string.Join(", ", g.Videos)} (cohesion {g.Cohesion:0.00})");
        var score = PairwiseScore.Compute(set.Truth, result.Groups.Select(g => g.Videos));
        output.WriteLine($"threshold {result.Threshold:0.###} ({result.ThresholdSource}), weak faces attached {result.AttachedWeakFaces}; " +
                         $"pairwise precision {score.Precision:0.000}, recall {score.Recall:0.000}, F1 {score.F1:0.000}");

        Assert.Equal(Thresholds.DefaultCosine, result.Threshold);
        // nobody merged and no face-less or broken clip grouped: every group is one true identity (this is precision 1.000)
        foreach (var g in result.Groups)
        {
            Assert.All(g.Videos, v => Assert.NotNull(set.Truth[v]));
            Assert.Single(g.Videos.Select(v => set.Truth[v]).Distinct());
        }
        Assert.True(score.F1 >= 0.99, $"pairwise F1 {score.F1:0.000} below 0.99");
    }
}
