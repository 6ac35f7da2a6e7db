using AdsRecommender.Core.Health;

namespace AdsRecommender.Azure;

/// <summary>The body of <c>GET /api/health</c>.</summary>
public sealed record HealthReport(EnvironmentReport Environment, string Version)
{
    public bool Healthy => Environment.Healthy;
    public string? Reason => Environment.Failure;
    public IReadOnlyList<EnvironmentCheck> Checks => Environment.Checks;
}
