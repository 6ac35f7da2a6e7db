using Microsoft.DurableTask;

namespace AdsRecommender.Core.Workflows;

public static class DurableTaskRegistryExtensions
{
    /// <summary>Registers the orchestrators and activities under <see cref="TaskNames"/>. Activities take their services from DI.</summary>
    public static DurableTaskRegistry AddAdsRecommenderTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<AnalyzeAdsOrchestrator>();
        registry.AddOrchestrator<ProcessBatchOrchestrator>();
        registry.AddActivity<ReadAdsActivity>();
        registry.AddActivity<ProcessVideoActivity>();
        registry.AddActivity<RecordVideoActivity>();
        registry.AddActivity<CopyDuplicatesActivity>();
        registry.AddActivity<GroupVideosActivity>();
        registry.AddActivity<PackVectorsActivity>();
        registry.AddActivity<PlanSimilarityShardsActivity>();
        registry.AddActivity<SimilarityTileActivity>();
        return registry;
    }
}
