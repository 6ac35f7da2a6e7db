namespace AdsRecommender.Core.Pipeline;

/// <summary>What grouping wrote: result names in area "results" and the threshold used.</summary>
public sealed record GroupVideosOutput(
    IReadOnlyList<string> ResultNames,
    float Threshold,
    string ThresholdSource,
    int Pairs,
    int Groups,
    int Ungrouped);
