using AdsRecommender.Core.Storage;
using Microsoft.DurableTask;

namespace AdsRecommender.Core.Workflows;

/// <summary>End of a batch: packs its videos' vectors into a few large files (<see cref="PackedBatches.WriteAsync"/>); returns how many.</summary>
public sealed class PackVectorsActivity(PackedBatches packed) : TaskActivity<PackVectorsInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, PackVectorsInput input) =>
        packed.WriteAsync(input.RunId, input.Batch, input.VideoIds, CancellationToken.None);
}

public static partial class TaskCalls
{
    /// <summary>Runs <see cref="PackVectorsActivity"/> (registered as <see cref="TaskNames.PackVectors"/>).</summary>
    public static Task<int> CallPackVectorsAsync(this TaskOrchestrationContext context, PackVectorsInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<int>(TaskNames.PackVectors, input, options);
}
