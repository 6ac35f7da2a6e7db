using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// A run's settings, chosen where the run is asked for (CLI flags, HTTP query, configuration) and carried by the
/// orchestration's messages. It lives with its lowest user: the services read the network and grouping choices, the
/// orchestration the batching and retry ones.
/// </summary>
/// <param name="BatchSize">Above this many rows the run fans out one sub-orchestration per batch.</param>
/// <param name="MaxBatchesInFlight">Batches running at once; the next starts when one finishes (the worker bounds videos in flight).</param>
/// <param name="BatchesPerGeneration">After this many finished batches the run continues as new, so its history stays bounded.</param>
/// <param name="MaxAttempts">Attempts per video for transient failures (the first try included): the one retry layer for
/// downloads, so one unreachable URL costs this many requests (docs/HOSTILE_INPUT.md, "One retry layer").</param>
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
    int MaxBatchesInFlight = 8,
    int BatchesPerGeneration = 50)
{
    /// <summary>
    /// Above this many embedded videos the similarity is computed by tile activities over shards (<see cref="ShardedSimilarity.SimilarityTiles"/>)
    /// instead of inside the grouping activity; 0 turns the sharded path off. See docs/PERFORMANCE.md for the choice.
    /// </summary>
    public int ShardedSimilarityAboveVideos { get; init; } = DefaultShardedAbove;

    /// <summary>Face rows per similarity shard: a tile holds two shards in memory (sizes: docs/PERFORMANCE.md, the sharded path).</summary>
    public int SimilarityShardFaces { get; init; } = 50_000;

    public const int DefaultShardedAbove = 200_000;

    /// <summary>Parsed once where the run is asked for (CLI flag, HTTP query, configuration); travels as its text.</summary>
    public ThresholdSetting Threshold { get; init; } = ThresholdSetting.Default;
}
