namespace AdsRecommender.Cli;

/// <summary>The run's orchestration failed or was terminated; the message gives the reason (exit code 1).</summary>
public sealed class RunFailedException(string message) : Exception(message);
