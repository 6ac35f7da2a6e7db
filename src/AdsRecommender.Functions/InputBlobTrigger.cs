using AdsRecommender.Azure;
using AdsRecommender.Core;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdsRecommender.Functions;

/// <summary>
/// A CSV landing in container <c>input</c> starts a run. The run id is the name plus the content's SHA-256
/// (<see cref="RunIds"/>), so the same file dropped twice (or uploaded through <c>POST /api/runs</c>, which also
/// writes it to <c>input</c>) starts one run. Polling source (storage logs and container scan): on Azure Container Apps
/// the app keeps one replica running anyway (infra/README.md), so polling needs no Event Grid subscription or webhook key,
/// and CSVs arrive rarely; a new CSV can take up to about 10 minutes to be seen (POST /api/runs starts one at once).
/// </summary>
public sealed class InputBlobTrigger(IOptions<AdsRecommenderOptions> options, ILogger<InputBlobTrigger> logger)
{
    public const string Path = RunAreas.Input + "/{name}.csv";

    [Function(nameof(InputBlobTrigger))]
    public async Task RunAsync(
        [BlobTrigger(Path, Connection = "AzureWebJobsStorage", Source = BlobTriggerSource.LogsAndContainerScan)] Stream content,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var csvName = name + ".csv";
        try
        {
            SafeName.Check(csvName, "input name");
        }
        catch (ArgumentException e)
        {
            // Not retried: a nested or oddly named blob will never become valid.
            logger.LogWarning("Ignoring input blob {Name}: {Reason}", csvName, e.Message);
            return;
        }
        var sha = await RunIds.Sha256HexAsync(content, cancellationToken);
        var start = await new RunStarter(client, logger).StartAsync(csvName, sha, RunDefaults.From(options.Value), cancellationToken);
        logger.LogInformation("Input {CsvName}: run {RunId} {What}", csvName, start.RunId, start.Started ? "started" : "already known");
    }
}
