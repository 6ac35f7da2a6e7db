using AdsRecommender.Core.Runs;
using Microsoft.DurableTask;

namespace AdsRecommender.Core.Pipeline;

/// <summary>A row repeating an earlier URL: copies that row's vectors and files under its own video id, no download.</summary>
public sealed class CopyVideoActivity(VideoProcessor processor) : TaskActivity<CopyVideoInput, VideoResult>
{
    public override Task<VideoResult> RunAsync(TaskActivityContext context, CopyVideoInput input) =>
        processor.CopyAsync(input.RunId, input.Source, input.Target);
}
