using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace AdsRecommender.Azure.Tests.Functions;

/// <summary>
/// The least <see cref="FunctionContext"/> the app's HTTP functions touch outside the Functions host: services with the
/// worker's JSON serializer (the Durable extension's status response writes with it). The rest is never read.
/// </summary>
internal sealed class TestFunctionContext : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");
    public override string FunctionId => "test";
    public override TraceContext TraceContext => throw new NotSupportedException();
    public override BindingContext BindingContext => throw new NotSupportedException();
    public override RetryContext RetryContext => throw new NotSupportedException();
    public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection()
        .Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer())
        .BuildServiceProvider();
    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override IInvocationFeatures Features => throw new NotSupportedException();
}
