using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Functions;

/// <summary>
/// Runs the self-test once when the worker starts (creating the one face analyzer the activities share) and logs a
/// critical error naming what is missing; the host keeps running so <c>GET /api/health</c> can answer 503 with it.
/// </summary>
public sealed class StartupSelfTest(IServiceProvider services, ILogger<StartupSelfTest> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var report = EnvironmentSelfTest.Run(services.GetRequiredService<IVideoFaceAnalyzer>);
        if (report.Failure is { } failure) logger.LogCritical("Self-test failed; no video can be analysed: {Failure}", failure);
        else logger.LogInformation("Self-test passed: {Checks}", string.Join("; ", report.Checks.Select(c => $"{c.Name}: {c.Detail}")));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
