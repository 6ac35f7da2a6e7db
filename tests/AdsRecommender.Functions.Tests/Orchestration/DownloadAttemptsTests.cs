using System.Net;
using System.Net.Sockets;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>
/// What one unreachable URL costs a whole run: downloads are retried by one layer only, the durable retry policy, so a
/// row whose server always answers 503 gets <see cref="RunOptions.MaxAttempts"/> requests (3 by default), and a closed
/// port (not transient) one attempt (docs/HOSTILE_INPUT.md, "One retry layer").
/// </summary>
public sealed class DownloadAttemptsTests
{
    [Fact]
    public async Task An_unreachable_url_costs_max_attempts_requests_and_a_refused_port_one()
    {
        await using var server = new TestHttpServer();
        var busy = server.ServeStatus("/busy.mp4", 503);
        var closed = new Uri($"http://127.0.0.1:{ClosedPort()}/v.mp4");
        using var run = new TestRun();
        var options = new RunOptions(AllowPrivateNetwork: true);

        var outcome = await run.RunAsync(TestRun.Csv((0.2, busy), (0.4, closed)), options);

        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(options.MaxAttempts, server.RequestCount("/busy.mp4"));
        Assert.Equal(options.MaxAttempts, run.Downloads.Attempts[busy]);
        Assert.Equal(1, run.Downloads.Attempts[closed]);
        Assert.All(outcome.Videos, v => Assert.Equal(VideoStatus.Failed, v.Status));
        Assert.Contains("HTTP 503 Service Unavailable", outcome.Videos.Single(v => v.VideoId == "video(0)").Reason, StringComparison.Ordinal);
        Assert.Contains("connection refused by 127.0.0.1", outcome.Videos.Single(v => v.VideoId == "video(1)").Reason, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
