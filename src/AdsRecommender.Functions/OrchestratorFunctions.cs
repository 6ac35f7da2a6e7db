using AdsRecommender.Core.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AdsRecommender.Functions;

/// <summary>
/// The orchestrators, registered under <see cref="TaskNames"/> (what Microsoft.DurableTask.Generators would emit):
/// each call runs the same <see cref="TaskOrchestrator{TInput,TOutput}"/> class the CLI's in-process worker runs.
/// </summary>
public static class OrchestratorFunctions
{
    [Function(TaskNames.AnalyzeAds)]
    public static Task<RunOutcome> AnalyzeAds([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new AnalyzeAdsOrchestrator().RunAsync(context, Input<RunRequest>(context));

    [Function(TaskNames.ProcessBatch)]
    public static Task<BatchOutcome> ProcessBatch([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ProcessBatchOrchestrator().RunAsync(context, Input<BatchInput>(context));

    private static T Input<T>(TaskOrchestrationContext context) where T : class =>
        context.GetInput<T>() ?? throw new InvalidOperationException($"{context.Name} started without its {typeof(T).Name} input.");
}
