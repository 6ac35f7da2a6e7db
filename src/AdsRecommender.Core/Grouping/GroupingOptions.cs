using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

public sealed class GroupingOptions
{
    /// <summary>The default for the shipped recogniser (<see cref="Faces.Thresholds.DefaultCosine"/>).</summary>
    public const float FallbackDefaultThreshold = Faces.Thresholds.DefaultCosine;

    public ThresholdSetting Threshold { get; set; } = ThresholdSetting.Default;

    /// <summary>The cosine threshold used for <see cref="ThresholdSetting.Default"/> and as the centre of the auto range.</summary>
    public float DefaultThreshold { get; set; } = FallbackDefaultThreshold;

    /// <summary>Cluster every face of every video (people), not only the primary face.</summary>
    public bool MultiFace { get; set; } = true;

    /// <summary>Split transitive chains whose parts are not similar on average (average-linkage inside each component).</summary>
    public bool ChainingGuard { get; set; } = true;

    /// <summary>
    /// Components with more faces than this are not re-clustered (the guard needs n^2 floats: 4000 faces = 64 MB); they are kept
    /// whole. Such a component means the threshold is far too low for the data.
    /// </summary>
    public int MaxGuardedComponent { get; set; } = 4000;

    /// <summary>
    /// Low-quality pair gate: two faces whose sharpness (<see cref="VideoFaceSet.Sharpness"/>) are both below this never
    /// link by themselves (no pair, no face edge); either can still join a person through a sharp face or as a weak face.
    /// 0 turns it off. 47.5 is the calibration split's rule (docs/CALIBRATION.md, "Low-quality pair gate").
    /// </summary>
    public double LowQualitySharpness { get; set; } = 47.5;

    /// <summary>Join person clusters of two or more videos each, sharing no video, whose centroids reach the threshold (<see cref="PersonMerger"/>).</summary>
    public bool MergePeopleByCentroid { get; set; } = true;

    /// <summary>Give faces that match no single video a second chance against the centroids of established people (<see cref="WeakFaceAttacher"/>).</summary>
    public bool AttachWeakFaces { get; set; } = true;

    /// <summary>A weak face joins a person when its centroid similarity is at least the threshold minus this.</summary>
    public float AttachOffset { get; set; } = 0.10f;

    /// <summary>... and beats the second-best person by at least this.</summary>
    public float AttachMargin { get; set; } = 0.12f;

    /// <summary>
    /// Compare weak faces with centroids of the members' degraded embeddings (<see cref="VideoFaceSet.DegradedFaces"/>) when
    /// every member of every established person has one; then <see cref="DegradedAttachOffset"/> and
    /// <see cref="DegradedAttachMargin"/> apply instead of <see cref="AttachOffset"/> and <see cref="AttachMargin"/>.
    /// </summary>
    public bool AttachToDegradedCentroids { get; set; } = true;

    /// <summary>
    /// With degraded centroids: a weak face joins a person when its similarity is at least the threshold minus this.
    /// The calibration split's rule gives 0.12 / 0.16 (offset / margin) at 0.45; the earlier 0.03 / 0.12 with the 0.40
    /// threshold found more true pairs and no more false ones on the validation split, so they were chosen there
    /// (docs/CALIBRATION.md).
    /// </summary>
    public float DegradedAttachOffset { get; set; } = 0.03f;

    /// <summary>With degraded centroids: ... and beats the second-best person by at least this (see <see cref="DegradedAttachOffset"/>).</summary>
    public float DegradedAttachMargin { get; set; } = 0.12f;

    /// <summary>
    /// A background face (<see cref="VideoFaceSet.Background"/>) is grouped when it matches a cast face of another video at
    /// or above this cosine (<see cref="RecurringFaces"/>); 0 turns it off. 0.65 is the calibration split's rule, chosen on
    /// validation (docs/CALIBRATION.md, "Recurring faces").
    /// </summary>
    public float RecurringFaceCosine { get; set; } = 0.65f;

    /// <summary>Only people seen in at least this many videos have a centroid to attach to.</summary>
    public int AttachMinVideos { get; set; } = 3;

    /// <summary>Threads for the similarity kernel.</summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;
}
