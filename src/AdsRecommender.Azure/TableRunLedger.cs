using System.Collections.Concurrent;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Azure;

/// <summary>
/// The run ledger in Table Storage: table <c>runs</c> (PartitionKey run id, RowKey <c>run</c>) and table <c>videos</c>
/// (PartitionKey run id, RowKey video id) holding state, reason, face count and stage timings. Tables are created on first use.
/// Writes are upserts that replace the row, so a retried activity leaves one row with its latest state.
/// </summary>
public sealed class TableRunLedger : IRunLedger
{
    public const string RunsTable = "runs";
    public const string VideosTable = "videos";
    public const string RunRowKey = "run";

    /// <summary>Table string properties hold up to 32K characters; reasons are cut well below that.</summary>
    private const int MaxTextLength = 4000;

    private readonly TableServiceClient _service;
    private readonly ILogger<TableRunLedger> _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public TableRunLedger(TableServiceClient service, ILogger<TableRunLedger>? logger = null)
    {
        _service = service;
        _logger = logger ?? NullLogger<TableRunLedger>.Instance;
    }

    public async Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(RunsTable, cancellationToken);
        await table.UpsertEntityAsync(RunEntities.ToEntity(run), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(RunsTable, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            SafeName.Check(runId, "run id"), RunRowKey, cancellationToken: cancellationToken);
        return response.HasValue ? RunEntities.ToRun(response.Value!) : null;
    }

    public async Task UpsertVideoAsync(string runId, VideoResult result, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(VideosTable, cancellationToken);
        await table.UpsertEntityAsync(RunEntities.ToEntity(runId, result), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<VideoResult?> GetVideoAsync(string runId, string videoId, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(VideosTable, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            SafeName.Check(runId, "run id"), SafeName.Check(videoId, "video id"), cancellationToken: cancellationToken);
        return response.HasValue ? RunEntities.ToVideo(response.Value!) : null;
    }

    public async Task<IReadOnlyList<VideoResult>> GetVideosAsync(string runId, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(VideosTable, cancellationToken);
        var list = new List<VideoResult>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SafeName.Check(runId, "run id")}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            list.Add(RunEntities.ToVideo(entity));
        return list.OrderBy(v => v.RowIndex).ToList();
    }

    /// <summary>Pages in the table's order (by video id); the continuation is the Table service's own token.</summary>
    public async Task<VideoPage> GetVideosPageAsync(string runId, string? continuation, int pageSize, CancellationToken cancellationToken = default)
    {
        VideoPage.CheckPageSize(pageSize);
        var table = await TableAsync(VideosTable, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SafeName.Check(runId, "run id")}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
                           .AsPages(continuation, pageSize))
            return new VideoPage(page.Values.Select(RunEntities.ToVideo).ToList(), string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        return new VideoPage([], null);
    }

    internal static string Cut(string? text) =>
        text is null || text.Length <= MaxTextLength ? text ?? "" : text[..MaxTextLength];

    private async Task<TableClient> TableAsync(string name, CancellationToken cancellationToken)
    {
        var lazy = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateTableAsync(n)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, lazy));
            throw;
        }
    }

    private async Task<TableClient> CreateTableAsync(string name)
    {
        var table = _service.GetTableClient(name);
        try
        {
            await table.CreateIfNotExistsAsync();
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // created concurrently by another worker
        }
        _logger.LogDebug("Table {Table} ready", name);
        return table;
    }
}
