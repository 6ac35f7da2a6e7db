namespace AdsRecommender.Core.Health;

/// <summary>The start-up self-test's result (<see cref="EnvironmentSelfTest"/>).</summary>
public sealed record EnvironmentReport(IReadOnlyList<EnvironmentCheck> Checks)
{
    public bool Healthy => Checks.All(c => c.Ok);

    /// <summary>One message naming every failed check and its fix, or null when all passed.</summary>
    public string? Failure => Healthy
        ? null
        : string.Join("; ", Checks.Where(c => !c.Ok).Select(c => $"{c.Name}: {c.Detail}" + (c.Fix is null ? "" : $" (fix: {c.Fix})")));
}
