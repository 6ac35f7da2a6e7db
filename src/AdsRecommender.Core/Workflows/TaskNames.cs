namespace AdsRecommender.Core.Workflows;

/// <summary>
/// Names under which the orchestrators and activities are registered (Functions app and CLI alike). They are stored in
/// orchestration history and name the Functions: written out, so renaming a class cannot break a run in flight.
/// </summary>
public static class TaskNames
{
    public const string AnalyzeAds = "AnalyzeAdsOrchestrator";
    public const string ProcessBatch = "ProcessBatchOrchestrator";
    public const string ReadAds = "ReadAdsActivity";
    public const string ProcessVideo = "ProcessVideoActivity";
    public const string RecordVideo = "RecordVideoActivity";
    public const string CopyDuplicates = "CopyDuplicatesActivity";
    public const string GroupVideos = "GroupVideosActivity";
    public const string PackVectors = "PackVectorsActivity";
    public const string PlanSimilarityShards = "PlanSimilarityShardsActivity";
    public const string SimilarityTile = "SimilarityTileActivity";
}
