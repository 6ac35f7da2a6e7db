using AdsRecommender.Core;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>The run's services over a test's store and ledger, resolved as the hosts resolve them (<see cref="ServiceCollectionExtensions.AddRunStores"/>).</summary>
internal static class RunServices
{
    public static RunGrouper Grouper(IRunStore store, IRunLedger ledger) =>
        new ServiceCollection()
            .AddSingleton(store)
            .AddSingleton(ledger)
            .AddRunStores()
            .AddSingleton<RunGrouper>()
            .BuildServiceProvider()
            .GetRequiredService<RunGrouper>();
}
