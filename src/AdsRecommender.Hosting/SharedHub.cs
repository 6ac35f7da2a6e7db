using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Hosting;

/// <summary>
/// A named Durable Task hub on the Azure Storage back end that several processes share (<c>adsrec worker</c>s, an
/// <c>adsrec run --hub</c>, the Functions app of the same name). Each process leases some of the hub's partitions (control
/// queues, where orchestrations run) and takes activities from the one work-item queue (<c>&lt;hub&gt;-workitems</c>), a few at a
/// time, renewing what it holds (<see cref="LeaseRenewal"/>); a process that dies stops renewing, and after the lease expiry
/// the others take over its partitions and its unfinished messages.
/// </summary>
public static class SharedHub
{
    /// <summary>As the Functions app's <c>host.json</c> (<c>storageProvider.partitionCount</c>), so both can join one hub.</summary>
    public const int PartitionCount = 4;

    /// <summary>Blob leases (the back end's partition manager) last 15 to 60 seconds.</summary>
    public const int MinLeaseSeconds = 15, MaxLeaseSeconds = 60;

    /// <summary>The back end's visibility timeout of a dequeued message when no expiry is set.</summary>
    public static readonly TimeSpan DefaultVisibility = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The shared hub <paramref name="name"/>, checked once here (the back end's rules for task hub names; a lease expiry of
    /// <see cref="MinLeaseSeconds"/> to <see cref="MaxLeaseSeconds"/>): a <see cref="DurableBackendException"/> otherwise.
    /// </summary>
    public static AzureStorageBackend For(string connectionString, string name, TimeSpan? leaseExpiry)
    {
        if (name.Length is < 3 or > 45 || !char.IsAsciiLetter(name[0]) || !name.All(char.IsAsciiLetterOrDigit))
            throw new DurableBackendException($"'{name}' is not a task hub name (3 to 45 letters and digits, starting with a letter)");
        if (leaseExpiry is { TotalSeconds: < MinLeaseSeconds or > MaxLeaseSeconds } expiry)
            throw new DurableBackendException($"a lease expiry must be {MinLeaseSeconds} to {MaxLeaseSeconds} seconds (a blob lease), was {expiry.TotalSeconds:0}");
        return new AzureStorageBackend(connectionString, name) { Shared = true, LeaseExpiry = leaseExpiry };
    }

    /// <summary>How often a process renews the messages it holds: a third of their visibility, so two renewals may be late.</summary>
    public static TimeSpan RenewEvery(AzureStorageBackend hub) => (hub.LeaseExpiry ?? DefaultVisibility) / 3;

    internal static AzureStorageOrchestrationServiceSettings Settings(AzureStorageBackend hub, ILoggerFactory loggerFactory)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hub.TaskHub,
            StorageAccountClientProvider = hub.ClientProvider(),
            LoggerFactory = loggerFactory,
            PartitionCount = PartitionCount,
            // an idle shared hub is polled by every process: 5 s instead of backing off to 30 s, so a run's next step
            // does not wait half a minute, at 5 polls/s per process at most.
            MaxQueuePollingInterval = TimeSpan.FromSeconds(5),
        };
        if (hub.LeaseExpiry is { } expiry)
        {
            settings.LeaseInterval = expiry;
            settings.LeaseRenewInterval = expiry / 3;
            settings.LeaseAcquireInterval = expiry / 3;
            settings.ControlQueueVisibilityTimeout = expiry;
            settings.WorkItemQueueVisibilityTimeout = expiry;
        }
        return settings;
    }
}
