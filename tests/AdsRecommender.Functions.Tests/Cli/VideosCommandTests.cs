using AdsRecommender.Cli;
using AdsRecommender.Functions.Tests.Orchestration;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary><c>adsrec videos</c>: a run's videos listed from the ledger page by page, as a child process.</summary>
public sealed class VideosCommandTests
{
    [Fact]
    public async Task Lists_every_video_of_the_run_across_pages_in_row_order()
    {
        using var run = new TestRun();
        var storage = RunStorage.Local(run.OutDir);
        var videos = LedgerPages.Sample(7);
        foreach (var v in videos) await storage.Ledger.UpsertVideoAsync("ads-1", v);
        await storage.Ledger.UpsertVideoAsync("other", videos[0] with { VideoId = "video(99)", RowIndex = 99 });

        var (code, output, error) = await CliProcess.RunAsync("videos", "ads-1", "--out", run.OutDir, "--page-size", "3");

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        Assert.Equal(videos.Select(LineObserver.Describe), output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        (code, _, error) = await CliProcess.RunAsync("videos", "nothing-here", "--out", run.OutDir);
        Assert.Equal(1, code);
        Assert.Contains("no videos recorded for run 'nothing-here'", error);
    }
}
