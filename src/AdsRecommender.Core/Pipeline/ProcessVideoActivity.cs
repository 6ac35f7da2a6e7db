using AdsRecommender.Core.Runs;
using Microsoft.DurableTask;

namespace AdsRecommender.Core.Pipeline;

/// <summary>Download, find faces, store vectors for one row. Throws only for transient failures (so the retry policy applies).</summary>
public sealed class ProcessVideoActivity(VideoProcessor processor) : TaskActivity<ProcessVideoInput, VideoResult>
{
    public override Task<VideoResult> RunAsync(TaskActivityContext context, ProcessVideoInput input) =>
        processor.ProcessAsync(input.RunId, input.Row, input.Options);
}
