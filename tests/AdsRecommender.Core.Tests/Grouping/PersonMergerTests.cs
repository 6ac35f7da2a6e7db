using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Tests.Grouping;

/// <summary>
/// Two groups of one person whose clips pair only inside each group: with a shared direction u (weight a^2 = 0.40), a
/// per-group direction (c^2 = 0.15) and per-clip noise (b^2 = 0.45), a pair inside a group scores a^2 + c^2 = 0.55, a pair
/// across groups a^2 = 0.40, and the two centroids a^2 / (a^2 + c^2 + b^2 / 2) = 0.40 / 0.775 = 0.516 (by hand).
/// </summary>
public sealed class PersonMergerTests
{
    private const int Dim = 10;
    private static readonly double A = Math.Sqrt(0.40), C = Math.Sqrt(0.15), B = Math.Sqrt(0.45);

    private static float[] V(int group, int noise)
    {
        var v = new float[Dim];
        v[0] = (float)A;
        v[1 + group] = (float)C;
        v[3 + noise] = (float)B;
        return v;
    }

    private static GroupingOptions Options(bool merge) => new()
    {
        Threshold = ThresholdSetting.Fixed(0.5f), AttachWeakFaces = false, MergePeopleByCentroid = merge, MaxDegreeOfParallelism = 1,
    };

    private static List<VideoFaceSet> Clips() =>
    [
        new("g0a", 1, V(0, 0), [V(0, 0)]), new("g0b", 1, V(0, 1), [V(0, 1)]),
        new("g1a", 1, V(1, 2), [V(1, 2)]), new("g1b", 1, V(1, 3), [V(1, 3)]),
    ];

    [Fact]
    public void Two_groups_of_one_person_join_when_their_centroids_reach_the_threshold()
    {
        var apart = ResultProjection.Group(Clips(), Options(merge: false));
        Assert.Equal(2, apart.Groups.Count); // 0.40 across the groups: no pair links them

        var joined = ResultProjection.Group(Clips(), Options(merge: true));
        Assert.Equal(["g0a", "g0b", "g1a", "g1b"], Assert.Single(joined.Groups).Videos);
        Assert.Equal(1, joined.JoinedPeople);
    }

    [Fact]
    public void Groups_that_share_a_video_are_two_people_and_stay_apart()
    {
        // g1b also shows the first group's person: the two clusters share that video
        var clips = Clips();
        clips[3] = new("g1b", 1, V(1, 3), [V(1, 3), V(0, 4)]);
        var r = ResultProjection.Group(clips, Options(merge: true));
        Assert.Equal(0, r.JoinedPeople);
        Assert.Equal(2, r.Groups.Count);
    }
}
