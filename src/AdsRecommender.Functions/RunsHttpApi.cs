using System.Net;
using System.Text.Json;
using AdsRecommender.Azure;
using AdsRecommender.Core;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdsRecommender.Functions;

/// <summary>
/// <c>POST /api/runs</c>: body is CSV text (stored in <c>input</c> as <c>upload-&lt;hash&gt;.csv</c>) or JSON
/// <c>{"blob": "name.csv"}</c> naming a CSV already in <c>input</c>; answers 202 with the standard Durable status URLs
/// (header <c>X-AdsRec-Started: false</c> when the same CSV was already started).
/// Optional query <c>threshold=default|auto|0.42</c>.
/// <c>GET /api/runs/{id}</c>: progress from the orchestration's custom status and the ledger, result blobs once finished.
/// </summary>
public sealed class RunsHttpApi(IRunStore store, IRunLedger ledger, IOptions<AdsRecommenderOptions> options, ILogger<RunsHttpApi> logger)
{
    public const long MaxCsvBytes = 20L * 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        WriteIndented = true,
    };

    [Function("StartRun")]
    public async Task<HttpResponseData> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request.Body, cancellationToken);
        if (body is null) return await ErrorAsync(request, HttpStatusCode.RequestEntityTooLarge, $"The CSV is larger than {MaxCsvBytes} bytes.");
        if (body.Length == 0) return await ErrorAsync(request, HttpStatusCode.BadRequest, "Send CSV text, or JSON {\"blob\": \"name.csv\"} naming a CSV in container 'input'.");

        var runOptions = RunDefaults.From(options.Value);
        var threshold = request.Query["threshold"];
        if (!string.IsNullOrEmpty(threshold))
        {
            try { runOptions = runOptions with { Threshold = Core.Similarity.ThresholdSetting.Parse(threshold) }; }
            catch (ArgumentException e)
            {
                return await ErrorAsync(request, HttpStatusCode.BadRequest, $"threshold: {e.Message}");
            }
        }

        string csvName;
        string sha;
        if (LooksLikeJson(request, body))
        {
            string? blob;
            // the content check above accepts a UTF-8 byte order mark; the JSON reader does not
            var json = body.AsSpan(body.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
            try { blob = JsonSerializer.Deserialize<StartRunBody>(json, Json)?.Blob; }
            catch (JsonException e) { return await ErrorAsync(request, HttpStatusCode.BadRequest, $"Invalid JSON: {e.Message}"); }
            if (string.IsNullOrWhiteSpace(blob) || !blob.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                return await ErrorAsync(request, HttpStatusCode.BadRequest, "JSON must name a CSV blob: {\"blob\": \"name.csv\"}.");
            try { csvName = SafeName.Check(blob, "blob name"); }
            catch (ArgumentException e) { return await ErrorAsync(request, HttpStatusCode.BadRequest, e.Message); }
            if (!await store.ExistsAsync("", RunAreas.Input, csvName, cancellationToken))
                return await ErrorAsync(request, HttpStatusCode.NotFound, $"No blob '{csvName}' in container 'input'.");
            await using var content = await store.OpenReadAsync("", RunAreas.Input, csvName, cancellationToken);
            sha = await RunIds.Sha256HexAsync(content, cancellationToken);
        }
        else
        {
            sha = RunIds.Sha256Hex(body);
            csvName = $"upload-{sha[..12]}.csv";
            if (!await store.ExistsAsync("", RunAreas.Input, csvName, cancellationToken))
                await store.WriteAsync("", RunAreas.Input, csvName, new MemoryStream(body), cancellationToken);
        }

        var start = await new RunStarter(client, logger).StartAsync(csvName, sha, runOptions, cancellationToken);
        var response = await client.CreateCheckStatusResponseAsync(request, start.RunId, cancellationToken);
        response.Headers.Add("X-AdsRec-Started", start.Started ? "true" : "false");
        response.Headers.Add("X-AdsRec-Input", csvName);
        return response;
    }

    [Function("GetRun")]
    public async Task<HttpResponseData> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        try { SafeName.Check(id, "run id"); }
        catch (ArgumentException e) { return await ErrorAsync(request, HttpStatusCode.BadRequest, e.Message); }

        var report = await new RunStatusReader(client, ledger, store).ReadAsync(id, cancellationToken);
        if (report is null) return await ErrorAsync(request, HttpStatusCode.NotFound, $"No run '{id}'.");
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteStringAsync(JsonSerializer.Serialize(report, Json), cancellationToken);
        return response;
    }

    /// <returns>The body, or null when it exceeds <see cref="MaxCsvBytes"/>.</returns>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > MaxCsvBytes) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private static bool LooksLikeJson(HttpRequestData request, byte[] body)
    {
        if (request.Headers.TryGetValues("Content-Type", out var types) &&
            types.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)))
            return true;
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF) continue;
            return b == (byte)'{';
        }
        return false;
    }

    private static async Task<HttpResponseData> ErrorAsync(HttpRequestData request, HttpStatusCode status, string message)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteStringAsync(JsonSerializer.Serialize(new { error = message }, Json));
        return response;
    }

    private sealed record StartRunBody(string? Blob);
}
