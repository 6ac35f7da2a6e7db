using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Grouping;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// End to end from clips to groups on identities held out from calibration, with the shipped defaults.
/// The acceptance target for the held-out set is pairwise F1 >= 0.97 with no two people merged and no face-less clip grouped.
/// </summary>
public sealed class HeldOutStyleAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Default_settings_group_held_out_people_without_merging_anyone()
    {
        var set = await AnalyzedSet.AnalyzeAsync(HeldOutStyleSet.Build());
        foreach (var line in set.Log) output.WriteLine(line);
        foreach (var (name, identity) in set.Truth)
            if (identity is not null)
                Assert.Contains(set.Videos, v => v.VideoId == name && v.Primary.Length > 0);

        var result = GroupingEngine.Run(set.Videos, new GroupingOptions());
        foreach (var g in result.Groups)
            output.WriteLine($"group {g.Number}: {string.Join(", ", g.Videos)} (cohesion {g.Cohesion:0.00})");
        var score = PairwiseScore.Compute(set.Truth, result.Groups.Select(g => g.Videos));
        output.WriteLine($"threshold {result.Threshold:0.###} ({result.ThresholdSource}), weak faces attached {result.AttachedWeakFaces}; " +
                         $"pairwise precision {score.Precision:0.000}, recall {score.Recall:0.000}, F1 {score.F1:0.000}");

        Assert.Equal(Thresholds.DefaultCosine, result.Threshold);
        foreach (var g in result.Groups)
        {
            Assert.All(g.Videos, v => Assert.NotNull(set.Truth[v]));
            Assert.Single(g.Videos.Select(v => set.Truth[v]).Distinct());
        }
        Assert.Equal(1.0, score.Precision);
        // The product target on the real held-out set (docs/CALIBRATION.md: 1.000 here with degraded references, 0.962 without).
        Assert.True(score.F1 >= 0.97, $"pairwise F1 {score.F1:0.000} below 0.97");
    }
}
