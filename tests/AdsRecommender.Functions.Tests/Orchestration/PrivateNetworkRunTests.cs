using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>
/// The download policy as a whole run keeps it (docs/HOSTILE_INPUT.md): private network not allowed, one loopback
/// endpoint allowed by address and port (as the demo does), and one row pointing at a second loopback server that is not.
/// </summary>
public sealed class PrivateNetworkRunTests
{
    [Fact]
    public async Task A_row_on_a_private_endpoint_not_allowed_is_refused_without_a_request_and_the_others_complete()
    {
        await using var allowed = new TestHttpServer();
        await using var other = new TestHttpServer();
        await TestClips.ServeAllAsync(allowed);
        await TestClips.ServeAllAsync(other);
        using var run = new TestRun();
        var csv = TestRun.Csv(
            (0.6, allowed.UriFor("/jolie_a.mp4")),
            (0.4, other.UriFor("/jolie_b.mp4")),
            (0.8, allowed.UriFor("/jolie_b.mp4")),
            (0.2, allowed.UriFor("/aniston_a.mp4")));

        var outcome = await run.RunAsync(csv, new RunOptions(AllowedPrivateEndpoints: [$"127.0.0.1:{allowed.Port}"], MaxAttempts: 1));

        Assert.Equal(0, other.TotalRequests);
        Assert.Null(outcome.Error);
        var byId = outcome.Videos.ToDictionary(v => v.VideoId);
        Assert.Equal(VideoStatus.Failed, byId["video(1)"].Status);
        Assert.StartsWith("refused: ", byId["video(1)"].Reason);
        Assert.Contains("loopback", byId["video(1)"].Reason);
        foreach (var id in new[] { "video(0)", "video(2)", "video(3)" })
            Assert.True(byId[id].Status == VideoStatus.Embedded, $"{id}: {byId[id].Status} {byId[id].Reason}");
        Assert.Equal(1, allowed.RequestCount("/jolie_a.mp4"));
        Assert.Equal(1, allowed.RequestCount("/jolie_b.mp4"));
    }
}
