using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using Microsoft.DurableTask;

namespace AdsRecommender.Core.Workflows;

// The AnalyzeAds activities: thin adapters over the plain services (AdsReader, VideoProcessor, RunGrouper) that do the work.

public sealed class ReadAdsActivity(AdsReader reader) : TaskActivity<ReadAdsInput, ReadAdsOutput>
{
    public override Task<ReadAdsOutput> RunAsync(TaskActivityContext context, ReadAdsInput input) => reader.ReadAsync(input);
}

/// <summary>Download, find faces, store vectors for one row. Throws only for transient failures (so the retry policy applies).</summary>
public sealed class ProcessVideoActivity(VideoProcessor processor) : TaskActivity<ProcessVideoInput, VideoResult>
{
    public override Task<VideoResult> RunAsync(TaskActivityContext context, ProcessVideoInput input) =>
        processor.ProcessAsync(input.RunId, input.Row, input.Options);
}

/// <summary>A row repeating an earlier URL: copies that row's vectors and files under its own video id, no download.</summary>
public sealed class CopyVideoActivity(VideoProcessor processor) : TaskActivity<CopyVideoInput, VideoResult>
{
    public override Task<VideoResult> RunAsync(TaskActivityContext context, CopyVideoInput input) =>
        processor.CopyAsync(input.RunId, input.Source, input.Target);
}

/// <summary>Reads the run's vectors, groups videos sharing a face, writes both CSVs, the report and the run summary.</summary>
public sealed class GroupVideosActivity(RunGrouper grouper) : TaskActivity<GroupVideosInput, GroupVideosOutput>
{
    public override Task<GroupVideosOutput> RunAsync(TaskActivityContext context, GroupVideosInput input) =>
        grouper.GroupAsync(input);
}
