using System.Collections.Concurrent;
using AdsRecommender.Core.Storage;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Azure;

/// <summary>
/// A run's artefacts in Blob Storage: one container per area (<see cref="RunAreas"/>), created on first use,
/// blob name <c>{runId}/{name}</c>. The input area is shared by all runs, so its blobs are named as given
/// (that is where CSVs are dropped for the blob trigger). Every name passes <see cref="SafeName"/>: no traversal, no separators.
/// </summary>
public sealed class BlobRunStore : IRunStore
{
    private readonly BlobServiceClient _service;
    private readonly ILogger<BlobRunStore> _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> _containers = new(StringComparer.Ordinal);

    public BlobRunStore(BlobServiceClient service, ILogger<BlobRunStore>? logger = null)
    {
        _service = service;
        _logger = logger ?? NullLogger<BlobRunStore>.Instance;
    }

    /// <summary>The container holding an area (the area's name).</summary>
    public static string ContainerName(string area) => RunAreas.Check(area);

    /// <summary>The blob name of an artefact inside its area's container.</summary>
    public static string BlobName(string runId, string area, string name)
    {
        RunAreas.Check(area);
        SafeName.Check(name);
        return area == RunAreas.Input ? name : $"{SafeName.Check(runId, "run id")}/{name}";
    }

    /// <summary>Creates every area's container (idempotent); the store also creates them lazily.</summary>
    public async Task EnsureContainersAsync(CancellationToken cancellationToken = default)
    {
        foreach (var area in RunAreas.All) await ContainerAsync(area, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string runId, string area, string name, CancellationToken cancellationToken = default)
    {
        var blob = (await ContainerAsync(area, cancellationToken)).GetBlobClient(BlobName(runId, area, name));
        return (await blob.ExistsAsync(cancellationToken)).Value;
    }

    public async Task WriteAsync(string runId, string area, string name, Stream content, CancellationToken cancellationToken = default)
    {
        var blobName = BlobName(runId, area, name);
        var blob = (await ContainerAsync(area, cancellationToken)).GetBlobClient(blobName);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypeOf(name) } };
        await blob.UploadAsync(content, options, cancellationToken);
        _logger.LogDebug("Wrote {Container}/{Blob}", area, blobName);
    }

    public async Task<Stream> OpenReadAsync(string runId, string area, string name, CancellationToken cancellationToken = default)
    {
        var blobName = BlobName(runId, area, name);
        var blob = (await ContainerAsync(area, cancellationToken)).GetBlobClient(blobName);
        try
        {
            var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            return response.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"{area}/{blobName} not found in {_service.Uri}.", $"{area}/{blobName}", e);
        }
    }

    public string Describe(string runId, string area, string name) =>
        _service.GetBlobContainerClient(ContainerName(area)).GetBlobClient(BlobName(runId, area, name)).Uri.ToString();

    private async Task<BlobContainerClient> ContainerAsync(string area, CancellationToken cancellationToken)
    {
        var name = ContainerName(area);
        var lazy = _containers.GetOrAdd(name, n => new Lazy<Task<BlobContainerClient>>(() => CreateContainerAsync(n)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _containers.TryRemove(new KeyValuePair<string, Lazy<Task<BlobContainerClient>>>(name, lazy)); // try again next time
            throw;
        }
    }

    private async Task<BlobContainerClient> CreateContainerAsync(string name)
    {
        var container = _service.GetBlobContainerClient(name);
        var created = await container.CreateIfNotExistsAsync();
        if (created is not null) _logger.LogInformation("Created blob container {Container}", name);
        return container;
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".csv" => "text/csv; charset=utf-8",
        ".json" => "application/json",
        ".html" => "text/html; charset=utf-8",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".mp4" => "video/mp4",
        _ => "application/octet-stream",
    };
}
