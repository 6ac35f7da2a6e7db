using System.Diagnostics;
using AdsRecommender.Functions.Tests.Orchestration;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary>How the CLI stops when it is told to, as a child process.</summary>
public sealed class CliSignalTests
{
    [Fact]
    public async Task Sigterm_stops_a_run_cleanly_and_soon()
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
        var stopped = Stopwatch.StartNew();
        cli.Terminate();
        var code = await cli.WaitAsync(TimeSpan.FromSeconds(25));

        Assert.True(code == 143, $"exit code {code}, not 143: {cli.Error}");
        Assert.Contains("interrupted; run the same command again to resume", cli.Error);
        Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(20), $"took {stopped.Elapsed} to stop");
    }
}
