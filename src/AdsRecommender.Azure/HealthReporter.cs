using System.Reflection;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Health;
using AdsRecommender.Core.Storage;

namespace AdsRecommender.Azure;

/// <summary>
/// What <c>GET /api/health</c> reports: the start-up self-test (native libraries, models, decoder), whether the run
/// store answers, and the app's version. Unhealthy when any check fails; <see cref="HealthReport.Reason"/> says why.
/// </summary>
public sealed class HealthReporter(Func<IVideoFaceAnalyzer> analyzer, IRunStore store)
{
    public const string Storage = "storage";
    public static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(10);

    public async Task<HealthReport> ReportAsync(CancellationToken cancellationToken = default)
    {
        var self = EnvironmentSelfTest.Run(analyzer);
        var checks = self.Checks.Append(await CheckStorageAsync(cancellationToken)).ToList();
        return new HealthReport(new EnvironmentReport(checks), Version);
    }

    /// <summary>The informational version of the app (assembly version plus source revision when built from git).</summary>
    public static string Version { get; } =
        typeof(HealthReporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HealthReporter).Assembly.GetName().Version?.ToString() ?? "unknown";

    private async Task<EnvironmentCheck> CheckStorageAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StorageTimeout);
        try
        {
            // Any answer (even "no such blob") proves the account is reachable and the identity may read it.
            await store.ExistsAsync("", RunAreas.Input, "health-probe.csv", timeout.Token);
            return new EnvironmentCheck(Storage, true, "reachable");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var what = e is OperationCanceledException ? $"no answer within {StorageTimeout.TotalSeconds:0} s" : e.GetBaseException().Message;
            return new EnvironmentCheck(Storage, false, $"run storage not reachable: {what}",
                "check AzureWebJobsStorage (or AdsRecommender:Storage) and the app identity's Storage Blob/Table Data Contributor roles");
        }
    }
}
