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
    bool Reused = false)
{
    /// <summary>The one shape of a failed video: the reason, no faces, no timings.</summary>
    public static VideoResult Failed(string videoId, int rowIndex, double performance, string reason) =>
        new(videoId, rowIndex, performance, VideoStatus.Failed, reason, 0, new StageTimings());
}
