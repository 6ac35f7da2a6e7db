using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Cli;

/// <summary>Receives the run's progress (polled from the orchestration's custom status) while it runs.</summary>
public interface IRunObserver
{
    Task OnProgressAsync(RunProgress progress, CancellationToken ct);
}
