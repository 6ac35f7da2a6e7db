using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Pipeline;

/// <summary>Per-run choices carried through the orchestration.</summary>
/// <param name="BatchSize">Above this many rows the run fans out one sub-orchestration per batch.</param>
/// <param name="MaxBatchesInFlight">Batches running at once; the next starts when one finishes (the worker bounds videos in flight).</param>
/// <param name="MaxAttempts">Attempts per video for transient failures (the first try included).</param>
/// <param name="FirstRetrySeconds">Delay before the first retry; doubled for each further retry.</param>
/// <param name="AllowedPrivateEndpoints">Non-public <c>address:port</c> endpoints allowed even without <paramref name="AllowPrivateNetwork"/>
/// (the demo allows only its own 127.0.0.1 server).</param>
public sealed record RunOptions(
    bool AllowPrivateNetwork = false,
    int BatchSize = 100,
    bool MultiFace = true,
    int MaxAttempts = 3,
    double FirstRetrySeconds = 5,
    IReadOnlyList<string>? AllowedPrivateEndpoints = null,
    int MaxBatchesInFlight = 8)
{
    /// <summary>Parsed once where the run is asked for (CLI flag, HTTP query, configuration); travels as its text.</summary>
    public ThresholdSetting Threshold { get; init; } = ThresholdSetting.Default;
}
