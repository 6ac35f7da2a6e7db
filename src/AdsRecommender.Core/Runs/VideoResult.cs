namespace AdsRecommender.Core.Runs;

/// <summary>What one download-and-embed step reports: small, no vectors or bytes (orchestration payload).</summary>
public sealed record VideoResult(
    string VideoId,
    int RowIndex,
    double Performance,
    VideoStatus Status,
    string? Reason,
    int FaceCount,
    StageTimings Timings,
    bool Reused = false);
