using AdsRecommender.Core.Workflows;
using Spectre.Console;

namespace AdsRecommender.Cli;

/// <summary>For a terminal: a progress bar fed by the orchestration's custom status.</summary>
public sealed class SpectreObserver(ProgressTask task) : IRunObserver
{
    public Task OnProgressAsync(RunProgress progress, CancellationToken ct)
    {
        if (progress.Total > 0) task.MaxValue = progress.Total;
        task.Value = progress.Done;
        var batches = progress.Batches > 0 ? $", batch {progress.BatchesDone}/{progress.Batches}" : "";
        task.Description = Markup.Escape($"{progress.Phase}: {progress.Done}/{progress.Total}, {progress.Failed} failed, {progress.NoFace} without face{batches}");
        return Task.CompletedTask;
    }
}
