using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdsRecommender.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AdsRecommender.Functions;

/// <summary>
/// <c>GET /api/runs/{id}/videos?continuation=...&amp;pageSize=200</c>: a run's per-video results from the ledger, one page at
/// a time (at most <see cref="VideoPage.MaxPageSize"/>), so neither the status nor the orchestration carries them.
/// </summary>
public sealed class RunVideosHttpApi(IRunLedger ledger)
{
    public const int DefaultPageSize = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Function("GetRunVideos")]
    public async Task<HttpResponseData> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}/videos")] HttpRequestData request,
        string id,
        CancellationToken cancellationToken)
    {
        var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);
        var pageSize = DefaultPageSize;
        VideoPage page;
        try
        {
            SafeName.Check(id, "run id");
            if (query["pageSize"] is { } size && !int.TryParse(size, out pageSize))
                throw new ArgumentException($"pageSize must be a number, was '{size}'");
            page = await ledger.GetVideosPageAsync(id, query["continuation"], pageSize, cancellationToken);
        }
        catch (ArgumentException e)
        {
            return await WriteAsync(request, HttpStatusCode.BadRequest, new { error = e.Message }, cancellationToken);
        }
        return await WriteAsync(request, HttpStatusCode.OK, page, cancellationToken);
    }

    private static async Task<HttpResponseData> WriteAsync<T>(HttpRequestData request, HttpStatusCode status, T body, CancellationToken ct)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteStringAsync(JsonSerializer.Serialize(body, Json), ct);
        return response;
    }
}
