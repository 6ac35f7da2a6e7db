using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Pipeline;
using Microsoft.DurableTask;

namespace AdsRecommender.Core.Workflows;

/// <summary>
/// Orchestrator-side fan-out/fan-in of <see cref="ProcessVideoActivity"/> (deterministic: only context calls).
/// Transient failures are retried by the retry policy; when retries run out the video is recorded as failed,
/// so one bad video never fails the run.
/// </summary>
internal static class VideoFanOut
{
    public static TaskOptions RetryOptions(RunOptions options) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(
            maxNumberOfAttempts: Math.Max(1, options.MaxAttempts),
            firstRetryInterval: TimeSpan.FromSeconds(Math.Max(0.1, options.FirstRetrySeconds)),
            backoffCoefficient: 2.0,
            maxRetryInterval: TimeSpan.FromMinutes(2)));

    public static async Task<List<VideoResult>> ProcessAsync(
        TaskOrchestrationContext context, string runId, IEnumerable<AdRow> rows, RunOptions options, Action<VideoResult> onDone)
    {
        var retry = RetryOptions(options);
        var pending = rows.Select(row => ProcessOneAsync(context, new ProcessVideoInput(runId, row, options), retry)).ToList();
        var results = new List<VideoResult>(pending.Count);
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            var result = await finished;
            results.Add(result);
            onDone(result);
        }
        return results.OrderBy(r => r.RowIndex).ToList();
    }

    public static async Task<List<VideoResult>> CopyAsync(
        TaskOrchestrationContext context, string runId, IReadOnlyList<DuplicateRow> duplicates,
        IReadOnlyDictionary<int, AdRow> rowsByIndex, IReadOnlyDictionary<int, VideoResult> resultsByIndex, RunOptions options)
    {
        var retry = RetryOptions(options);
        var tasks = duplicates
            .Where(d => rowsByIndex.ContainsKey(d.Index) && resultsByIndex.ContainsKey(d.SameAs))
            .Select(d => CopyOneAsync(context, new CopyVideoInput(runId, resultsByIndex[d.SameAs], rowsByIndex[d.Index]), retry))
            .ToList();
        var copied = await Task.WhenAll(tasks);
        return copied.ToList();
    }

    private static async Task<VideoResult> ProcessOneAsync(TaskOrchestrationContext context, ProcessVideoInput input, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<VideoResult>(TaskNames.ProcessVideo, input, retry);
        }
        catch (TaskFailedException ex)
        {
            return Failed(input.Row, ex);
        }
    }

    private static async Task<VideoResult> CopyOneAsync(TaskOrchestrationContext context, CopyVideoInput input, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<VideoResult>(TaskNames.CopyVideo, input, retry);
        }
        catch (TaskFailedException ex)
        {
            return Failed(input.Target, ex);
        }
    }

    private static VideoResult Failed(AdRow row, TaskFailedException ex) =>
        new(row.VideoId, row.Index, row.Performance, VideoStatus.Failed,
            Health.EnvironmentFailure.ReasonFor(ex.FailureDetails.ErrorType, ex.FailureDetails.ErrorMessage), 0, new StageTimings());
}
