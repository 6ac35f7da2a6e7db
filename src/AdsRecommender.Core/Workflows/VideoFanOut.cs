using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Pipeline;
using Microsoft.DurableTask;

namespace AdsRecommender.Core.Workflows;

/// <summary>
/// Orchestrator-side fan-out/fan-in of <see cref="ProcessVideoActivity"/> (deterministic: only context calls).
/// Transient failures are retried by the retry policy, the one retry layer for downloads (the downloader makes one
/// attempt per call; docs/HOSTILE_INPUT.md); when retries run out the video is recorded as failed, so one bad video
/// never fails the run. Results are counted as they arrive and not kept: the ledger holds them.
/// </summary>
internal static class VideoFanOut
{
    public static TaskOptions RetryOptions(RunOptions options) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(
            maxNumberOfAttempts: Math.Max(1, options.MaxAttempts),
            firstRetryInterval: TimeSpan.FromSeconds(Math.Max(0.1, options.FirstRetrySeconds)),
            backoffCoefficient: 2.0,
            maxRetryInterval: TimeSpan.FromMinutes(2)));

    public static async Task ProcessAsync(
        TaskOrchestrationContext context, string runId, IEnumerable<AdRow> rows, RunOptions options, Action<VideoResult> onDone)
    {
        var retry = RetryOptions(options);
        var pending = rows.Select(row => ProcessOneAsync(context, new ProcessVideoInput(runId, row, options), retry)).ToList();
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            onDone(await finished);
        }
    }

    private static async Task<VideoResult> ProcessOneAsync(TaskOrchestrationContext context, ProcessVideoInput input, TaskOptions retry)
    {
        try
        {
            return await context.CallProcessVideoAsync(input, retry);
        }
        catch (TaskFailedException ex)
        {
            var failed = VideoResult.Failed(input.Row.VideoId, input.Row.Index, input.Row.Performance,
                Health.EnvironmentFailure.ReasonFor(ex.FailureDetails.ErrorType, ex.FailureDetails.ErrorMessage));
            await context.CallRecordVideoAsync(new RecordVideoInput(input.RunId, failed), retry);
            return failed;
        }
    }
}
