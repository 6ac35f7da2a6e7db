namespace AdsRecommender.Core.Health;

/// <summary>One start-up check: what was checked, whether it passed, what was seen, and how to fix it when it did not.</summary>
public sealed record EnvironmentCheck(string Name, bool Ok, string Detail, string? Fix = null);
