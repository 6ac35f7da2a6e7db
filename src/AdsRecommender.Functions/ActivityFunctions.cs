using AdsRecommender.Core.Runs;
using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace AdsRecommender.Functions;

/// <summary>
/// The activities, registered under <see cref="TaskNames"/>: each call builds the shared activity class from DI
/// (as the Durable Task worker does in the CLI) and runs it. No pipeline logic here.
/// </summary>
public static class ActivityFunctions
{
    [Function(TaskNames.ReadAds)]
    public static Task<ReadAdsOutput> ReadAds([ActivityTrigger] ReadAdsInput input, string instanceId, FunctionContext executionContext) =>
        Activity<ReadAdsActivity>(executionContext).RunAsync(new FunctionActivityContext(TaskNames.ReadAds, instanceId), input);

    [Function(TaskNames.ProcessVideo)]
    public static Task<VideoResult> ProcessVideo([ActivityTrigger] ProcessVideoInput input, string instanceId, FunctionContext executionContext) =>
        Activity<ProcessVideoActivity>(executionContext).RunAsync(new FunctionActivityContext(TaskNames.ProcessVideo, instanceId), input);

    [Function(TaskNames.RecordVideo)]
    public static Task<bool> RecordVideo([ActivityTrigger] RecordVideoInput input, string instanceId, FunctionContext executionContext) =>
        Activity<RecordVideoActivity>(executionContext).RunAsync(new FunctionActivityContext(TaskNames.RecordVideo, instanceId), input);

    [Function(TaskNames.CopyDuplicates)]
    public static Task<VideoTotals> CopyDuplicates([ActivityTrigger] CopyDuplicatesInput input, string instanceId, FunctionContext executionContext) =>
        Activity<CopyDuplicatesActivity>(executionContext).RunAsync(new FunctionActivityContext(TaskNames.CopyDuplicates, instanceId), input);

    [Function(TaskNames.GroupVideos)]
    public static Task<GroupVideosOutput> GroupVideos([ActivityTrigger] GroupVideosInput input, string instanceId, FunctionContext executionContext) =>
        Activity<GroupVideosActivity>(executionContext).RunAsync(new FunctionActivityContext(TaskNames.GroupVideos, instanceId), input);

    [Function(TaskNames.PackVectors)]
    public static Task<int> PackVectors([ActivityTrigger] PackVectorsInput input, string instanceId, FunctionContext executionContext) =>
        Activity<PackVectorsActivity>(executionContext).RunAsync(new FunctionActivityContext(TaskNames.PackVectors, instanceId), input);

    [Function(TaskNames.PlanSimilarityShards)]
    public static Task<ShardPlan> PlanSimilarityShards([ActivityTrigger] GroupVideosInput input, string instanceId, FunctionContext executionContext) =>
        Activity<PlanSimilarityShardsActivity>(executionContext).RunAsync(new FunctionActivityContext(TaskNames.PlanSimilarityShards, instanceId), input);

    [Function(TaskNames.SimilarityTile)]
    public static Task<long> SimilarityTile([ActivityTrigger] SimilarityTileInput input, string instanceId, FunctionContext executionContext) =>
        Activity<SimilarityTileActivity>(executionContext).RunAsync(new FunctionActivityContext(TaskNames.SimilarityTile, instanceId), input);

    private static T Activity<T>(FunctionContext context) where T : ITaskActivity =>
        ActivatorUtilities.GetServiceOrCreateInstance<T>(context.InstanceServices);
}
