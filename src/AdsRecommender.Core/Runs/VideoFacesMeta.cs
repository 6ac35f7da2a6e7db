namespace AdsRecommender.Core.Runs;

/// <summary>
/// <c>{videoId}.faces.json</c> in area "embeddings": which URL the vectors came from and what was found.
/// Written last for a video, so its presence (with the same URL and <see cref="EmbeddingModel"/>) means the video is
/// finished and need not be redone.
/// </summary>
public sealed record VideoFacesMeta(
    string VideoId,
    int RowIndex,
    double Performance,
    string Url,
    string? Sha256,
    long Bytes,
    int FramesSampled,
    IReadOnlyList<FaceMeta> Faces,
    StageTimings Timings,
    string? VideoFile,
    string? EmbeddingModel = null)
{
    /// <summary>
    /// Faces seen without cast evidence (small, blurred, brief or weakly detected beside the main face): attached to
    /// nobody, in no vector file (<see cref="FaceMeta.Row"/> = -1). Empty for results written before this existed.
    /// </summary>
    public IReadOnlyList<FaceMeta> Background { get; init; } = [];
}
