using System.Globalization;
using AdsRecommender.Azure;
using AdsRecommender.Hosting;

namespace AdsRecommender.Cli;

/// <summary>
/// The command line's words for the Durable back end (<c>--durable-storage</c>, <c>--hub</c>, <c>--lease-expiry</c>): the
/// hosting library's <see cref="AzureStorageBackend"/> made from them, its refusals as usage errors naming the flag.
/// </summary>
public static class DurableFlags
{
    public const string StorageFlag = "durable-storage";
    public const string HubFlag = "hub";
    public const string LeaseFlag = "lease-expiry";

    /// <summary><c>--durable-storage</c> alone: the run's own task hub.</summary>
    public static AzureStorageBackend ForRun(string connectionString, string runId) =>
        AzureStorageBackend.ForRun(connectionString, runId) with { Target = Describe(connectionString) };

    /// <summary><c>--hub &lt;name&gt;</c>: a named hub shared with workers, checked before any work.</summary>
    public static AzureStorageBackend Shared(string connectionString, string name, TimeSpan? leaseExpiry)
    {
        try
        {
            return SharedHub.For(connectionString, name, leaseExpiry) with { Target = Describe(connectionString) };
        }
        catch (DurableBackendException ex)
        {
            throw new UsageException($"--{HubFlag}: {ex.Message}");
        }
    }

    /// <summary><c>--lease-expiry &lt;seconds&gt;</c>, or null for the back end's defaults.</summary>
    public static TimeSpan? LeaseExpiry(CommandLine line)
    {
        if (!line.Has(LeaseFlag)) return null;
        var seconds = line.IntValue(LeaseFlag, SharedHub.MinLeaseSeconds, SharedHub.MinLeaseSeconds);
        if (seconds > SharedHub.MaxLeaseSeconds)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--{LeaseFlag} must be {SharedHub.MinLeaseSeconds} to {SharedHub.MaxLeaseSeconds} seconds (a blob lease), was {seconds}"));
        return TimeSpan.FromSeconds(seconds);
    }

    // none for a hub reached with a managed identity (no connection string): the hub describes that itself
    private static string? Describe(string connectionString) => connectionString.Length == 0
        ? null
        : AzureStorageFactory.DescribeTarget(new AzureStorageOptions { ConnectionString = connectionString });
}
