using System.Numerics.Tensors;
using AdsRecommender.Core.Grouping;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// How the weak-face rule (<see cref="GroupingOptions.AttachOffset"/>, <see cref="GroupingOptions.AttachMargin"/>) was chosen:
/// on the calibration identities only. Prints, for every video left out by plain pair grouping, its similarity to the
/// centroid of its own person and to the best other person, then checks the shipped rule merges nobody here.
/// </summary>
public sealed class WeakFaceRuleCalibrationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Weak_face_rule_chosen_on_calibration_identities_merges_nobody()
    {
        var set = await AnalyzedSet.AnalyzeAsync(HeldOutStyleSet.BuildCalibration());
        var strict = GroupingEngine.Run(set.Videos, new GroupingOptions { AttachWeakFaces = false });
        var byId = set.Videos.ToDictionary(v => v.VideoId);
        Assert.All(set.Videos.Where(v => v.Primary.Length > 0), v => Assert.NotNull(v.DegradedFaces));
        output.WriteLine("left out by pairs: own / best other person, normal centroid | degraded centroid");
        foreach (var id in strict.Ungrouped)
        {
            var face = byId[id].Primary;
            (float Own, float Other) Compare(Func<VideoFaceSet, float[]> member)
            {
                var sims = strict.Groups
                    .Select(g => (identity: set.Truth[g.Videos[0]], sim: TensorPrimitives.CosineSimilarity(face, Centroid(g.Videos.Select(v => member(byId[v]))))))
                    .OrderByDescending(x => x.sim).ToList();
                return (sims.Where(s => s.identity == set.Truth[id]).Select(s => s.sim).DefaultIfEmpty(float.NaN).First(),
                        sims.Where(s => s.identity != set.Truth[id]).Select(s => s.sim).DefaultIfEmpty(float.NaN).First());
            }
            var normal = Compare(v => v.Primary);
            var degraded = Compare(v => v.DegradedFaces![0]);
            output.WriteLine($"{id}: {normal.Own:0.000} / {normal.Other:0.000} | {degraded.Own:0.000} / {degraded.Other:0.000}");
        }

        var strictScore = PairwiseScore.Compute(set.Truth, strict.Groups.Select(g => g.Videos));
        var plain = GroupingEngine.Run(set.Videos, new GroupingOptions { AttachToDegradedCentroids = false });
        var plainScore = PairwiseScore.Compute(set.Truth, plain.Groups.Select(g => g.Videos));
        var result = GroupingEngine.Run(set.Videos, new GroupingOptions());
        var score = PairwiseScore.Compute(set.Truth, result.Groups.Select(g => g.Videos));
        output.WriteLine($"pairs only: precision {strictScore.Precision:0.000} F1 {strictScore.F1:0.000}; " +
            $"normal centroids ({plain.AttachedWeakFaces} attached): precision {plainScore.Precision:0.000} F1 {plainScore.F1:0.000}; " +
            $"degraded centroids ({result.AttachedWeakFaces} attached): precision {score.Precision:0.000} F1 {score.F1:0.000}");
        Assert.Equal(1.0, plainScore.Precision);
        Assert.Equal(1.0, score.Precision);
        Assert.True(score.F1 >= plainScore.F1);
        Assert.True(plainScore.F1 >= strictScore.F1);
    }

    private static float[] Centroid(IEnumerable<float[]> rows)
    {
        float[]? c = null;
        foreach (var r in rows)
        {
            c ??= new float[r.Length];
            TensorPrimitives.Add(c, r, c);
        }
        return c!;
    }
}
