namespace AdsRecommender.Core.Tests.Acceptance;

public sealed class ProtocolScoreTests
{
    private static ProtocolSet.Item I(string name, string? treatment, params string[] ids) => new(name, null, ids, treatment, ids.FirstOrDefault() ?? name);

    [Fact]
    public void A_two_person_clip_belongs_with_both_people_and_a_wrong_merge_counts_against_precision()
    {
        ProtocolSet.Item[] items = [I("a1", "dark", "a"), I("a2", "grayscale", "a"), I("b1", "dark", "b"), I("b2", "outro", "b"), I("ab", null, "a", "b"), I("none", null)];
        // by hand: same pairs a1-a2, b1-b2, ab-a1, ab-a2, ab-b1, ab-b2 = 6
        var perfect = ProtocolScore.Compute(items, [["a1", "a2", "ab"], ["b1", "b2", "ab"]]);
        Assert.Equal((6, 0, 0), (perfect.Point.TruePositives, perfect.Point.FalsePositives, perfect.Point.FalseNegatives));
        Assert.Empty(perfect.OnePersonInSeveralGroups);
        Assert.Equal((1.0, 1.0), perfect.F1); // every resample is perfect too

        // a and b merged: 4 different-person pairs among a1 a2 b1 b2 are false; "none" grouped: 5 more
        var merged = ProtocolScore.Compute(items, [["a1", "a2", "ab", "b1", "b2", "none"]]);
        Assert.Equal((6, 4 + 5, 0), (merged.Point.TruePositives, merged.Point.FalsePositives, merged.Point.FalseNegatives));
        Assert.Equal(6.0 / 15, merged.Point.Precision, 1e-9);

        // b2 missed, a1 also in b's group (one person in two groups): found a1-a2, a1-ab, a2-ab, b1-ab; missed b1-b2, b2-ab; false a1-b1
        var missed = ProtocolScore.Compute(items, [["a1", "a2", "ab"], ["b1", "ab", "a1"]]);
        Assert.Equal((4, 1, 2), (missed.Point.TruePositives, missed.Point.FalsePositives, missed.Point.FalseNegatives));
        Assert.Equal(["a1"], missed.OnePersonInSeveralGroups);
        Assert.Equal((0, 2), missed.RecallByTreatment["outro"]); // b2-b1, b2-ab
        Assert.Equal((2, 2), missed.RecallByTreatment["grayscale"]); // a2-a1, a2-ab
        Assert.Equal((3, 4), missed.RecallByTreatment["dark"]); // a1-a2, a1-ab found; b1-ab found, b1-b2 missed
    }

    [Fact]
    public void Long_ads_and_single_shot_clips_are_scored_on_their_own_pairs_and_ad_recall_is_binned_by_shot_and_size()
    {
        EditedAdSet.Appearance A(string id, double seconds, double height) => new(id, seconds, height, 1);
        ProtocolSet.Item[] items =
        [
            I("a1", "dark", "a"), I("a2", "grayscale", "a"), I("b1", "dark", "b"),
            new("ad", null, ["a", "b"], "long_ad", "a", Appearances: [A("a", 1.2, 0.3), A("b", 3.0, 0.12)]),
        ];
        // the ad found with a's clips, not with b's: long-ad pairs ad-a1, ad-a2 found, ad-b1 missed; single-shot a1-a2 found
        string[][] groups = [["a1", "a2", "ad"], ["b1"]];
        var ads = EditedAdScore.LongAds(items, groups);
        Assert.Equal((2, 0, 1), (ads.Point.TruePositives, ads.Point.FalsePositives, ads.Point.FalseNegatives));
        var single = EditedAdScore.SingleShot(items, groups);
        Assert.Equal((1, 0, 0), (single.Point.TruePositives, single.Point.FalsePositives, single.Point.FalseNegatives));
        var lines = EditedAdScore.RecallLines(items, groups).ToList();
        Assert.Contains("recall long ads, shot 1.2 s: 1.000 (2/2 pairs)", lines);
        Assert.Contains("recall long ads, shot 2.5-3.0 s: 0.000 (0/1 pairs)", lines);
        Assert.Contains("recall long ads, face height 0.10-0.17 of the frame: 0.000 (0/1 pairs)", lines);
        Assert.Contains("recall long ads, face height >= 0.28 of the frame: 1.000 (2/2 pairs)", lines);
    }
}
