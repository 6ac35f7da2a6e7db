using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Tests.Similarity;

namespace AdsRecommender.Core.Tests.Grouping;

/// <summary>The chaining guard's size limit: a component above <see cref="GroupingOptions.MaxGuardedComponent"/> faces is kept whole.</summary>
public sealed class GroupingGuardLimitTests
{
    [Fact]
    public void A_component_above_the_guard_limit_is_kept_whole_and_one_at_the_limit_is_split()
    {
        var faces = new SyntheticFaces(42);
        var a = faces.Identity();
        var c = faces.Identity();
        var videos = new List<VideoFaceSet>();
        for (var i = 0; i < 4; i++) videos.Add(new($"a{i}", 1, faces.Sample(a, 0.3), [faces.Sample(a, 0.3)]));
        for (var i = 0; i < 4; i++) videos.Add(new($"c{i}", 2, faces.Sample(c, 0.3), [faces.Sample(c, 0.3)]));
        var bridge = SyntheticFaces.Mix(a, c);
        videos.Add(new("bridge", 3, bridge, [bridge])); // nine faces chained into one component through the bridge

        GroupingOptions Limit(int max) => new()
        {
            Threshold = ThresholdSetting.Fixed(0.5f), MultiFace = false, MaxGuardedComponent = max, MaxDegreeOfParallelism = 1,
        };

        var above = ResultProjection.Group(videos, Limit(8));
        Assert.Equal(9, Assert.Single(above.Groups).Videos.Count);
        Assert.Equal(0, above.SplitComponents);

        var at = ResultProjection.Group(videos, Limit(9));
        Assert.Equal(1, at.SplitComponents);
        Assert.DoesNotContain(at.Groups, g => g.Videos.Any(v => v.StartsWith('a')) && g.Videos.Any(v => v.StartsWith('c')));
    }
}
