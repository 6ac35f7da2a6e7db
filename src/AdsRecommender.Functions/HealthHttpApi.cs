using System.Net;
using System.Text.Json;
using AdsRecommender.Azure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AdsRecommender.Functions;

/// <summary>
/// <c>GET /api/health</c> (function key): models, native libraries, decoder, storage reachability and version;
/// 200 when all pass, 503 with the reason when something is missing.
/// </summary>
public sealed class HealthHttpApi(HealthReporter reporter)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [Function("Health")]
    public async Task<HttpResponseData> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var report = await reporter.ReportAsync(cancellationToken);
        var response = request.CreateResponse(report.Healthy ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteStringAsync(
            JsonSerializer.Serialize(new { report.Healthy, report.Reason, report.Version, report.Checks }, Json), cancellationToken);
        return response;
    }
}
