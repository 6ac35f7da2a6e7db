namespace AdsRecommender.Cli;

/// <summary>The start-up self-test failed: the message names what is missing and how to install it (exit code 2).</summary>
public sealed class EnvironmentNotReadyException(string failure) : Exception($"this machine cannot analyse videos: {failure}");
