using Microsoft.DurableTask;

namespace AdsRecommender.Core.Pipeline;

/// <summary>Reads the run's vectors, groups videos sharing a face, writes both CSVs, the report and the run summary.</summary>
public sealed class GroupVideosActivity(RunGrouper grouper) : TaskActivity<GroupVideosInput, GroupVideosOutput>
{
    public override Task<GroupVideosOutput> RunAsync(TaskActivityContext context, GroupVideosInput input) =>
        grouper.GroupAsync(input);
}
