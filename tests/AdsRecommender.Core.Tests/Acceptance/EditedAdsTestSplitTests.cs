using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Faces.Calibration;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Tests.Faces;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// Issue #25's marks on the protocol's frozen test split with the edited-footage clips (docs/CALIBRATION.md, "Edited
/// ads"): the whole face stage and grouping with the shipped defaults; long ads F1 >= 0.95 and single-shot clips
/// (treatments and a smaller second person) F1 >= 0.97, both with no false pair. The test split chooses nothing: if this
/// fails, the figures are reported, the marks are not moved and nothing is tuned on it.
/// </summary>
public sealed class EditedAdsTestSplitTests(ITestOutputHelper output)
{
    [Fact(Skip = "Marks not met on the frozen test split. Last evaluated once on 442c82a (2026-12-07, session 14: YUV frames, "
        + "best-few embedding, recurring background faces, each chosen on validation): long ads precision 0.989, recall 0.910, "
        + "F1 0.948; single-shot precision 0.973, recall 0.790, F1 0.872. The 6 false pairs are the earlier single-shot ones "
        + "(a covered person seen once in a look-alike's group, two covered clips) and one long ad in that group (first "
        + "evaluated at b1e4b60: long ads F1 0.920, single-shot 0.852); issue #25 open, see docs/CALIBRATION.md. Remove "
        + "this Skip to re-evaluate once after the next face-stage or grouping change chosen on validation.")]
    public async Task Test_split_long_ads_and_single_shot_clips_reach_their_marks_with_nobody_merged()
    {
        IReadOnlyList<ProtocolSet.Item> items;
        using (var fx = new FaceAnalyzerFixture())
            items = ProtocolSet.BuildAll(SplitPart.Test, fx.Photos);
        await ProtocolSet.EncodeAsync(items);
        var (videos, log) = await AnalyzedSet.AnalyzeAsync(ProtocolSet.Clips(items), new FaceModelOptions(), new FaceSamplingOptions());
        foreach (var line in log) output.WriteLine(line);

        var result = ResultProjection.Group(videos, new GroupingOptions());
        var groups = result.Groups.Select(g => g.Videos).ToList();
        foreach (var g in result.Groups) output.WriteLine($"group {g.Number}: {string.Join(", ", g.Videos)}");
        var (all, longAds, singleShot) = (ProtocolScore.Compute(items, groups), EditedAdScore.LongAds(items, groups), EditedAdScore.SingleShot(items, groups));
        output.WriteLine($"test split, {items.Count} clips, threshold {result.Threshold:0.00}, weak faces attached {result.AttachedWeakFaces}");
        foreach (var line in all.Lines()) output.WriteLine(line);
        output.WriteLine("long ads: " + longAds.Lines().First());
        output.WriteLine("single-shot: " + singleShot.Lines().First());
        foreach (var line in EditedAdScore.RecallLines(items, groups)) output.WriteLine(line);

        var faceless = items.Where(i => i.Identities.Count == 0).Select(i => i.Name).ToHashSet();
        Assert.DoesNotContain(result.Groups.SelectMany(g => g.Videos), faceless.Contains);
        Assert.Equal(0, longAds.Point.FalsePositives);
        Assert.Equal(0, singleShot.Point.FalsePositives);
        Assert.True(longAds.Point.F1 >= 0.95, $"long ads: pairwise F1 {longAds.Point.F1:0.000} below 0.95 on the test split");
        Assert.True(singleShot.Point.F1 >= 0.97, $"single-shot clips: pairwise F1 {singleShot.Point.F1:0.000} below 0.97 on the test split");
    }
}
