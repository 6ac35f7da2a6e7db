using Microsoft.DurableTask.Client;

namespace AdsRecommender.Azure;

/// <summary>What <see cref="RunStarter"/> did: scheduled a new orchestration, or found one already there.</summary>
/// <param name="Started">True when this call scheduled the orchestration.</param>
/// <param name="PreviousStatus">The existing instance's state when one was found (null if none existed).</param>
public sealed record RunStart(string RunId, bool Started, OrchestrationRuntimeStatus? PreviousStatus);
