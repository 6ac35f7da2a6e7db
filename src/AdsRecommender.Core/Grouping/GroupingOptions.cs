using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

public sealed class GroupingOptions
{
    /// <summary>
    /// Used as <see cref="DefaultThreshold"/> until the calibrated <c>Faces.Thresholds.DefaultCosine</c> is wired in.
    /// </summary>
    public const float FallbackDefaultThreshold = 0.40f;

    public ThresholdSetting Threshold { get; set; } = ThresholdSetting.Default;

    /// <summary>The calibrated cosine threshold used for <see cref="ThresholdSetting.Default"/> and as the centre of the auto range.</summary>
    public float DefaultThreshold { get; set; } = FallbackDefaultThreshold;

    /// <summary>Cluster every face of every video (people), not only the primary face.</summary>
    public bool MultiFace { get; set; } = true;

    /// <summary>Split transitive chains whose parts are not similar on average (average-linkage inside each component).</summary>
    public bool ChainingGuard { get; set; } = true;

    /// <summary>Components with more faces than this are not re-clustered (memory is quadratic); they are kept whole.</summary>
    public int MaxGuardedComponent { get; set; } = 6000;

    /// <summary>Threads for the similarity kernel.</summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;
}
