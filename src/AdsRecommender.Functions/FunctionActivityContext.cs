using Microsoft.DurableTask;

namespace AdsRecommender.Functions;

/// <summary>The activity context handed to the shared activity classes when the Functions host runs them.</summary>
internal sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;
    public override string InstanceId { get; } = instanceId;
}
