using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Results;

/// <summary>
/// The rows of a grouping, shaped by <see cref="ResultProjection"/> from a <see cref="Clustering"/>: primary-face pairs at/above the threshold, groups of videos sharing a face,
/// videos with a face that share it with no other video, and the threshold used with its source.
/// </summary>
public sealed record GroupingResult(
    IReadOnlyList<SimilarPair> Pairs,
    IReadOnlyList<FaceGroup> Groups,
    IReadOnlyList<string> Ungrouped,
    float Threshold,
    string ThresholdSource)
{
    /// <summary>Distribution of primary-vs-primary similarities over all pairs of videos with faces.</summary>
    public SimilarityHistogram Histogram { get; init; } = new();

    /// <summary>Performance of every video with a face, by id (for the ungrouped list and the report).</summary>
    public IReadOnlyDictionary<string, double> Performance { get; init; } = new Dictionary<string, double>();

    /// <summary>Statistics over all videos with faces.</summary>
    public PerformanceStats? Overall { get; init; }

    public int VideoCount { get; init; }

    public int FaceCount { get; init; }

    /// <summary>Components that were split by the chaining guard.</summary>
    public int SplitComponents { get; init; }

    /// <summary>Videos whose weak face joined an established person (<see cref="GroupingOptions.AttachWeakFaces"/>).</summary>
    public int AttachedWeakFaces { get; init; }

    /// <summary>Person clusters joined by their centroids (<see cref="GroupingOptions.MergePeopleByCentroid"/>).</summary>
    public int JoinedPeople { get; init; }

    /// <summary>Background faces grouped because they recur as another video's cast face (<see cref="Grouping.GroupingOptions.RecurringFaceCosine"/>).</summary>
    public int RecurringFaces { get; init; }
}
