using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Pipeline;

/// <summary>What grouping wrote: result names in area "results" and the threshold used.
/// <see cref="Unreadable"/>: videos whose vectors could not be read back (now failed, left out of the groups).</summary>
public sealed record GroupVideosOutput(
    IReadOnlyList<string> ResultNames,
    float Threshold,
    string ThresholdSource,
    int Pairs,
    int Groups,
    int Ungrouped,
    IReadOnlyList<VideoResult>? Unreadable = null);
