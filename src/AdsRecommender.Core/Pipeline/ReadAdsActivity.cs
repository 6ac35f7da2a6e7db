using Microsoft.DurableTask;

namespace AdsRecommender.Core.Pipeline;

public sealed class ReadAdsActivity(AdsReader reader) : TaskActivity<ReadAdsInput, ReadAdsOutput>
{
    public override Task<ReadAdsOutput> RunAsync(TaskActivityContext context, ReadAdsInput input) => reader.ReadAsync(input);
}
