using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Hosting;

/// <summary>
/// Orchestration state (queues, history and instance tables, large messages) in the Durable Task Azure Storage back end, the
/// one the Functions app uses, in Azurite or an account, instead of the in-memory service
/// (<see cref="DurableBackendServiceCollectionExtensions.AddAzureStorageDurableBackend"/>). Only orchestration state lives
/// here; a host's own data stays where it puts it.
/// </summary>
public sealed record AzureStorageBackend(string ConnectionString, string TaskHub)
{
    /// <summary>Where the account is, without secrets, for messages (e.g. its blob endpoint); the host's words for it.</summary>
    public string? Target { get; init; }

    /// <summary>
    /// A named hub that several processes share (<see cref="SharedHub.For"/>); false for the per-run hub one process owns.
    /// </summary>
    public bool Shared { get; init; }

    /// <summary>
    /// Shared hubs only: how long a dead process keeps its partitions and the messages it took (partition lease and queue
    /// visibility timeouts; <see cref="SharedHub.Settings"/>). Null: the back end's defaults (30 s lease, 5 min visibility).
    /// </summary>
    public TimeSpan? LeaseExpiry { get; init; }

    /// <summary>
    /// Reach the account <c>https://&lt;name&gt;.{blob,queue,table}.core.windows.net</c> with <c>DefaultAzureCredential</c> (a managed
    /// identity: <c>AZURE_CLIENT_ID</c> names a user-assigned one) instead of <see cref="ConnectionString"/>.
    /// </summary>
    public string? IdentityAccount { get; init; }

    internal StorageAccountClientProvider ClientProvider() => IdentityAccount is { } account
        ? new StorageAccountClientProvider(account, new global::Azure.Identity.DefaultAzureCredential())
        : new StorageAccountClientProvider(ConnectionString);

    /// <summary>
    /// One task hub per run, named from the run id (<c>adsrec</c> + 16 hex of its SHA-256): a rerun of the same CSV finds
    /// the run's history (and resumes an unfinished one), while runs of other CSVs in other processes never take each
    /// other's work items, which would run against the other process's folders.
    /// </summary>
    public static AzureStorageBackend ForRun(string connectionString, string runId) =>
        new(connectionString, "adsrec" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runId)))[..16]);

    /// <summary>
    /// Checks the connection string and that the account answers, once, before any work (one table query, no retries, 10 s),
    /// then creates the task hub; any failure is a <see cref="DurableBackendException"/> naming the fix.
    /// </summary>
    internal async Task<AzureStorageOrchestrationService> CreateServiceAsync(ILoggerFactory loggerFactory, CancellationToken ct)
    {
        TableServiceClient tables;
        try
        {
            var options = new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(10) } };
            tables = IdentityAccount is { } account
                ? new TableServiceClient(new Uri($"https://{account}.table.core.windows.net"), new global::Azure.Identity.DefaultAzureCredential(), options)
                : new TableServiceClient(ConnectionString, options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new DurableBackendException($"not a storage connection string ({ex.Message}); e.g. UseDevelopmentStorage=true for Azurite", ex);
        }
        try
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1)) break;
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException or TaskCanceledException
                                       && !ct.IsCancellationRequested)
        {
            throw new DurableBackendException($"{Describe()} does not answer ({ex.Message.Split('\n')[0].Trim()}); start Azurite " +
                "(tools/azurite) or pass a reachable account's connection string", ex);
        }

        var service = new AzureStorageOrchestrationService(Settings(loggerFactory));
        await service.CreateIfNotExistsAsync();
        return service;
    }

    /// <summary>
    /// Deletes the run's task hub (its queues, tables and large-message containers). Called once the run has completed
    /// and its host has stopped: the results are in the run's store and ledger, and a rerun of a finished run starts
    /// afresh anyway, so without this every CSV run or watched left a hub behind in the account.
    /// </summary>
    public async Task DeleteAsync(ILoggerFactory loggerFactory)
    {
        var service = new AzureStorageOrchestrationService(Settings(loggerFactory));
        await service.DeleteAsync();
    }

    /// <summary>Where the hub lives, without secrets.</summary>
    public string Describe() => (IdentityAccount is { } account
        ? $"https://{account}.queue.core.windows.net (managed identity)"
        : Target ?? "the storage account of the connection string") + $", task hub {TaskHub}";

    private AzureStorageOrchestrationServiceSettings Settings(ILoggerFactory loggerFactory) =>
        Shared ? SharedHub.Settings(this, loggerFactory) : new()
    {
        TaskHubName = TaskHub,
        StorageAccountClientProvider = ClientProvider(),
        LoggerFactory = loggerFactory,
        // One process owns every partition of its run's hub: more control queues would spread nothing, only add polls.
        PartitionCount = 1,
        // The default backs off to 30 s between polls of an idle queue; locally a poll is cheap, and a batch's first
        // message after a quiet spell (the grouping activity, say) would otherwise wait up to 30 s.
        MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
        // The sidecar takes every ready activity at once (WideDispatch) and does not renew their locks, while the worker
        // runs a few at a time: a run's queued activities (hundreds of videos) take well over the default 5 minutes, after
        // which a message would reappear and its activity run twice (docs/PERFORMANCE.md, "The Azure Storage back end").
        WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(30),
    };
}
