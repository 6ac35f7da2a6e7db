using AdsRecommender.Functions.Tests.Orchestration;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary>How the CLI stops when it is told to, as a child process.</summary>
public sealed class CliSignalTests
{
    [Fact]
    public async Task Sigterm_stops_a_run_cleanly_before_its_downloads_finish()
    {
        await using var server = new TestHttpServer();
        var clips = await TestClips.ServeAllAsync(server);
        // downloads that would take minutes keep the run busy
        server.ServeTrickle("/slow_a.mp4", clips["aniston_b.mp4"], TimeSpan.FromMilliseconds(200), 64);
        server.ServeTrickle("/slow_b.mp4", clips["biden.mp4"], TimeSpan.FromMilliseconds(200), 64);
        using var run = new TestRun();
        var csv = Path.Combine(run.OutDir, "ads.csv");
        await File.WriteAllTextAsync(csv, TestRun.Csv((0.1, server.UriFor("/slow_a.mp4")), (0.2, server.UriFor("/slow_b.mp4"))));

        using var cli = CliProcess.Start("run", csv, "--out", Path.Combine(run.OutDir, "out"), "--allow-private-network");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (server.TotalRequests < 2)
        {
            Assert.False(cli.HasExited, "the run ended before it could be stopped: " + cli.Output + cli.Error);
            Assert.True(DateTime.UtcNow < deadline, "the downloads did not start in time");
            await Task.Delay(50);
        }
        cli.Terminate();
        // Order, not speed: the trickled downloads need minutes (64 bytes every 200 ms), so a CLI that ignored the
        // signal would still be downloading at this deadline, and one that finished the run would have written results.
        var code = await cli.WaitAsync(Deadline.Short);

        Assert.True(code == 143, $"exit code {code}, not 143: {cli.Error}");
        Assert.Contains("interrupted; run the same command again to resume", cli.Error);
        Assert.False(File.Exists(Path.Combine(run.OutDir, "out", "grouped_results.csv")), "the run finished instead of stopping");
        Assert.True(server.TotalRequests <= 2, "the run went on to download again after the signal");
    }
}
