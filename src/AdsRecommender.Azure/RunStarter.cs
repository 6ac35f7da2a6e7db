using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Azure;

/// <summary>
/// Starts <see cref="TaskNames.AnalyzeAds"/> for a CSV in the input area, once: the instance id is
/// <see cref="RunIds.For"/> (name + content hash). An instance that is pending, running or completed is left alone;
/// a failed or terminated one is started again under the same id (finished videos are reused from the store and ledger),
/// after its batch sub-orchestrations still running are terminated (<see cref="BatchTerminator"/>).
/// Used by the blob trigger, the HTTP starter and anything else that turns input CSVs into runs.
/// </summary>
public sealed class RunStarter(DurableTaskClient client, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<RunStart> StartAsync(string csvName, string sha256Hex, RunOptions options, CancellationToken cancellationToken = default)
    {
        var runId = RunIds.For(csvName, sha256Hex);
        var existing = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null && !IsRestartable(existing.RuntimeStatus))
        {
            _logger.LogInformation("Run {RunId} for {CsvName} already exists ({Status}); not starting it again",
                runId, csvName, existing.RuntimeStatus);
            return new RunStart(runId, false, existing.RuntimeStatus);
        }

        if (existing is not null) await BatchTerminator.TerminateAsync(client, runId, _logger, cancellationToken);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                TaskNames.AnalyzeAds, new RunRequest(runId, csvName, options),
                new StartOrchestrationOptions { InstanceId = runId }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another starter (trigger and HTTP for the same upload) may have won the race: that is the run we want.
            var now = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
            if (now is null || IsRestartable(now.RuntimeStatus)) throw;
            _logger.LogInformation("Run {RunId} was started concurrently ({Status})", runId, now.RuntimeStatus);
            return new RunStart(runId, false, now.RuntimeStatus);
        }

        _logger.LogInformation("Started run {RunId} for {CsvName}{Again}", runId, csvName,
            existing is null ? "" : $" again after {existing.RuntimeStatus}");
        return new RunStart(runId, true, existing?.RuntimeStatus);
    }

    private static bool IsRestartable(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
