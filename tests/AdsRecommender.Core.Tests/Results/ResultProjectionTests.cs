using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Tests.Results;

/// <summary>The projection alone turns index clusters and pairs into rows: ids, performance, order, numbers, members, ungrouped.</summary>
public sealed class ResultProjectionTests
{
    private static VideoFaceSet Video(string id, double perf) => new(id, perf, [1f], [[1f]]);

    [Fact]
    public void Groups_are_ordered_by_size_then_mean_performance_and_carry_their_members()
    {
        var videos = new[] { Video("v0", 1), Video("v1", 2), Video("v2", 9), Video("v3", 8), Video("v4", 5), Video("v5", 7) };
        var clustering = new Clustering(videos, [new ScoredPair(0, 3, 0.9f)],
        [
            new VideoCluster([0, 1], 1, 0.6f, 2, [0, 1]), // found first, lowest member, lowest mean: last
            new VideoCluster([2, 3], 2, 0.7f, 4, [0, 0]),
            new VideoCluster([0, 2, 4], 1, 0.8f, 3, [0, 0, 0]),
        ], new ThresholdChoice(0.5f, "fixed 0.50"));

        var r = ResultProjection.Project(clustering);

        Assert.Equal([["v0", "v2", "v4"], ["v2", "v3"], ["v0", "v1"]], r.Groups.Select(g => g.Videos.ToArray()));
        Assert.Equal([1, 2, 3], r.Groups.Select(g => g.Number));
        Assert.Equal(8.5, r.Groups[1].AveragePerformance, 1e-9);
        Assert.Equal(2, r.Groups[1].People);
        Assert.Equal([new GroupMember("v0", 1, 0), new GroupMember("v1", 2, 1)], r.Groups[2].Members);
        Assert.Equal([1], r.Groups[2].FaceIndexes.Skip(1));
        var pair = Assert.Single(r.Pairs);
        Assert.Equal(new SimilarPair("v0", "v3", 0.9f, 1, 8), pair);
        Assert.Equal(["v5"], r.Ungrouped);
        Assert.Equal(7, r.Performance["v5"]);
        Assert.Equal((0.5f, "fixed 0.50"), (r.Threshold, r.ThresholdSource));
    }
}
