using Microsoft.DurableTask;

namespace AdsRecommender.Hosting.Tests;

/// <summary>The smallest work a back end can run: an activity per name, fanned out, and the same in two sub-orchestrations.</summary>
public static class Greetings
{
    public static void Register(DurableTaskRegistry tasks)
    {
        tasks.AddActivity<Greet>();
        tasks.AddOrchestrator<GreetAll>();
        tasks.AddOrchestrator<GreetInTwoBatches>();
    }

    public sealed class Greet : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string name) => Task.FromResult($"Hello, {name}!");
    }

    public sealed class GreetAll : TaskOrchestrator<string[], string[]>
    {
        public override Task<string[]> RunAsync(TaskOrchestrationContext context, string[] names) =>
            Task.WhenAll(names.Select(n => context.CallActivityAsync<string>(nameof(Greet), n)));
    }

    /// <summary>Sub-orchestrations: the events the sidecar makes of them are what the Azure Storage back end must store.</summary>
    public sealed class GreetInTwoBatches : TaskOrchestrator<string[], string[]>
    {
        public override async Task<string[]> RunAsync(TaskOrchestrationContext context, string[] names)
        {
            var half = names.Length / 2;
            var batches = await Task.WhenAll(
                context.CallSubOrchestratorAsync<string[]>(nameof(GreetAll), names[..half]),
                context.CallSubOrchestratorAsync<string[]>(nameof(GreetAll), names[half..]));
            return [.. batches.SelectMany(b => b)];
        }
    }
}
