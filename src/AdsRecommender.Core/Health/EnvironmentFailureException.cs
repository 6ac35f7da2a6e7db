namespace AdsRecommender.Core.Health;

/// <summary>Thrown by the orchestrator when every video failed for one environmental reason: the run fails with it.</summary>
public sealed class EnvironmentFailureException(string reason)
    : Exception($"every video failed for the same reason, a fault of this machine, not of the videos: {reason}");
