using AdsRecommender.Cli;
using AdsRecommender.Core.Workflows;
using Spectre.Console;

namespace AdsRecommender.Functions.Tests.Cli;

public sealed class SpectreObserverTests
{
    [Fact]
    public async Task Progress_moves_the_bar_and_describes_the_phase_and_batches()
    {
        var task = new ProgressTask(1, "starting", 100);
        var observer = new SpectreObserver(task);

        await observer.OnProgressAsync(new RunProgress(Total: 40, Done: 12, Failed: 2, Pending: 0, Phase: "analysing", NoFace: 3, Batches: 4, BatchesDone: 1), CancellationToken.None);

        Assert.Equal(40, task.MaxValue);
        Assert.Equal(12, task.Value);
        Assert.Equal("analysing: 12/40, 2 failed, 3 without face, batch 1/4", task.Description);

        // before the CSV is read the total is unknown: the bar keeps its maximum; markup in a phase is shown as text
        await observer.OnProgressAsync(new RunProgress(Total: 0, Done: 0, Failed: 0, Pending: 0, Phase: "[reading]"), CancellationToken.None);
        Assert.Equal(40, task.MaxValue);
        Assert.Equal("[[reading]]: 0/0, 0 failed, 0 without face", task.Description);
    }
}
