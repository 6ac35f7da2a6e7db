using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// What <see cref="GroupingEngine.Cluster"/> finds, as indexes into <see cref="Videos"/> (the videos with a face, input
/// order): primary-face pairs at/above the threshold (highest first) and person clusters spanning two or more videos.
/// </summary>
public sealed record Clustering(
    IReadOnlyList<VideoFaceSet> Videos,
    IReadOnlyList<ScoredPair> Pairs,
    IReadOnlyList<VideoCluster> Clusters,
    ThresholdChoice Threshold)
{
    /// <summary>
    /// Distribution of primary-vs-primary similarities over the pairs of <see cref="HistogramVideos"/> videos: all videos
    /// with faces for the auto threshold or small runs, an evenly spaced sample otherwise.
    /// </summary>
    public SimilarityHistogram Histogram { get; init; } = new();

    /// <summary>How many videos' pairs <see cref="Histogram"/> counts.</summary>
    public int HistogramVideos { get; init; }

    public int FaceCount { get; init; }

    /// <summary>Components that were split by the chaining guard.</summary>
    public int SplitComponents { get; init; }

    /// <summary>Videos whose weak face joined an established person (<see cref="GroupingOptions.AttachWeakFaces"/>).</summary>
    public int AttachedWeakFaces { get; init; }

    /// <summary>Person clusters joined by their centroids (<see cref="GroupingOptions.MergePeopleByCentroid"/>).</summary>
    public int JoinedPeople { get; init; }

    /// <summary>Background faces grouped because they recur as another video's cast face (<see cref="GroupingOptions.RecurringFaceCosine"/>).</summary>
    public int RecurringFaces { get; init; }
}

/// <summary>
/// A person cluster over two or more videos (<paramref name="Members"/>: ascending indexes into <see cref="Clustering.Videos"/>),
/// or several person clusters covering exactly those videos (<paramref name="People"/> &gt; 1). <paramref name="FaceIndexes"/>
/// gives, per member, the index of its face that recurs (0 = primary); <paramref name="Cohesion"/> the mean cosine between
/// the cluster's faces.
/// </summary>
public sealed record VideoCluster(IReadOnlyList<int> Members, int People, float Cohesion, int FaceCount, IReadOnlyList<int> FaceIndexes);
