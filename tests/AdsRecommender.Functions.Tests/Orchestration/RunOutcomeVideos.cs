using System.Runtime.CompilerServices;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>
/// The videos of a finished test run, read back from its ledger (the outcome itself carries counts only, as the product
/// does): <see cref="TestRun"/> attaches them, tests read <c>outcome.Videos</c>.
/// </summary>
public static class RunOutcomeVideos
{
    private static readonly ConditionalWeakTable<RunOutcome, IReadOnlyList<VideoResult>> Attached = new();

    public static async Task<RunOutcome> AttachAsync(RunOutcome outcome, IRunLedger ledger)
    {
        Attached.AddOrUpdate(outcome, await ledger.GetVideosAsync(outcome.RunId));
        return outcome;
    }

    extension(RunOutcome outcome)
    {
        public IReadOnlyList<VideoResult> Videos =>
            Attached.TryGetValue(outcome, out var videos) ? videos : throw new InvalidOperationException("videos not attached: use RunOutcomeVideos.AttachAsync");
    }
}
