namespace AdsRecommender.Core.Pipeline;

/// <summary>Names under which the orchestrators and activities are registered (Functions app and CLI alike).</summary>
public static class TaskNames
{
    public const string AnalyzeAds = nameof(AnalyzeAdsOrchestrator);
    public const string ProcessBatch = nameof(ProcessBatchOrchestrator);
    public const string ReadAds = nameof(ReadAdsActivity);
    public const string ProcessVideo = nameof(ProcessVideoActivity);
    public const string CopyVideo = nameof(CopyVideoActivity);
    public const string GroupVideos = nameof(GroupVideosActivity);
    public const string PackVectors = nameof(PackVectorsActivity);
}
