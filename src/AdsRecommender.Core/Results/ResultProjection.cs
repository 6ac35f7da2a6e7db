using AdsRecommender.Core.Grouping;

namespace AdsRecommender.Core.Results;

/// <summary>
/// The one place a <see cref="Clustering"/> (indexes) becomes rows with ids and performance: similar pairs, numbered groups
/// with their statistics and members, and the ungrouped videos. The CSVs and the report read only these rows.
/// Groups are ordered by video count descending, then mean performance descending, then first member; numbered 1..n.
/// Videos with a face that are in no group are <see cref="GroupingResult.Ungrouped"/> (input order).
/// </summary>
public static class ResultProjection
{
    /// <summary>Clusters <paramref name="videos"/> and projects the result.</summary>
    public static GroupingResult Group(IReadOnlyList<VideoFaceSet> videos, GroupingOptions options) =>
        Project(GroupingEngine.Cluster(videos, options));

    public static GroupingResult Project(Clustering clustering)
    {
        ArgumentNullException.ThrowIfNull(clustering);
        var videos = clustering.Videos;
        var overallMean = videos.Count == 0 ? double.NaN : videos.Select(v => v.Performance).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
        var pairs = new ProjectedPairs(clustering);
        var groups = clustering.Clusters
            .Select(c => (c, stats: PerformanceStats.Compute(c.Members.Select(m => videos[m].Performance), overallMean)))
            .OrderByDescending(x => x.c.Members.Count)
            .ThenByDescending(x => double.IsNaN(x.stats.Mean) ? double.NegativeInfinity : x.stats.Mean)
            .ThenBy(x => x.c.Members[0])
            .Select((x, i) => new FaceGroup(i + 1, x.c.Members.Select(m => videos[m].VideoId).ToList(), x.stats.Mean, x.stats)
            {
                People = x.c.People,
                Cohesion = x.c.Cohesion,
                FaceCount = x.c.FaceCount,
                // face indexes name stored rows (thumbnails), which differ from positions for recurring background faces
                FaceIndexes = x.c.Members.Select((m, k) => videos[m].StoredRow(x.c.FaceIndexes[k])).ToList(),
                Members = x.c.Members.Select((m, k) => new GroupMember(videos[m].VideoId, videos[m].Performance, videos[m].StoredRow(x.c.FaceIndexes[k]))).ToList(),
            })
            .ToList();
        var grouped = new HashSet<int>(clustering.Clusters.SelectMany(c => c.Members));
        var ungrouped = videos.Where((_, i) => !grouped.Contains(i)).Select(v => v.VideoId).ToList();

        return new GroupingResult(pairs, groups, ungrouped, clustering.Threshold.Value, clustering.Threshold.Source)
        {
            Histogram = clustering.Histogram,
            Performance = videos.ToDictionary(v => v.VideoId, v => v.Performance, StringComparer.Ordinal),
            Overall = PerformanceStats.Compute(videos.Select(v => v.Performance), overallMean),
            VideoCount = videos.Count,
            FaceCount = clustering.FaceCount,
            SplitComponents = clustering.SplitComponents,
            AttachedWeakFaces = clustering.AttachedWeakFaces,
            JoinedPeople = clustering.JoinedPeople,
            RecurringFaces = clustering.RecurringFaces,
        };
    }
}
