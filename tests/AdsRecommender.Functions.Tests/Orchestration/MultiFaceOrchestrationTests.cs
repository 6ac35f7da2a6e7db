using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>A clip with two people links to both people's groups; an HTML page in place of a video fails alone.</summary>
public sealed class MultiFaceOrchestrationTests
{
    [Fact]
    public async Task A_two_person_clip_joins_both_peoples_groups_and_an_html_page_fails_alone()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        var twoPeople = await ClipMaker.GetAsync(ClipSpec.TwoPeople(SharedData.Photo("angelina_jolie", 5), SharedData.Photo("joe_biden", 2), 2.0, 0.6));
        server.ServeFile("/two_people.mp4", twoPeople);
        server.ServeHtml("/page.mp4");
        using var run = new TestRun();
        var csv = TestRun.Csv(
            (0.6, server.UriFor("/jolie_a.mp4")),
            (0.2, server.UriFor("/biden.mp4")),
            (0.9, server.UriFor("/two_people.mp4")),
            (0.7, server.UriFor("/page.mp4")),
            (0.3, server.UriFor("/jolie_b.mp4")),
            (0.5, server.UriFor("/aniston_a.mp4")));

        var outcome = await run.RunAsync(csv, new RunOptions(AllowPrivateNetwork: true));

        var byId = outcome.Videos.ToDictionary(v => v.VideoId);
        Assert.Equal(VideoStatus.Failed, byId["video(3)"].Status);
        Assert.Contains("HTML", byId["video(3)"].Reason);
        Assert.True(byId["video(2)"].FaceCount >= 2, $"two-person clip found {byId["video(2)"].FaceCount} face(s)");
        var groups = AnalyzeAdsOrchestrationTests.ReadGroups(run.Result(ResultFiles.Groups));
        Assert.Equal(2, groups.Count);
        var jolie = Assert.Single(groups, g => g.Videos.Contains("video(0)"));
        Assert.Equal(["video(0)", "video(2)", "video(4)"], jolie.Videos.Order());
        Assert.Equal((0.6 + 0.9 + 0.3) / 3, jolie.Average, 9);
        var biden = Assert.Single(groups, g => g.Videos.Contains("video(1)"));
        Assert.Equal(["video(1)", "video(2)"], biden.Videos.Order());
        Assert.Equal((0.2 + 0.9) / 2, biden.Average, 9);
        Assert.DoesNotContain(groups, g => g.Videos.Contains("video(5)"));
        // The pairs CSV stays primary-vs-primary: the two-person clip pairs with Jolie's clips, not with Biden's.
        var pairs = File.ReadAllLines(run.Result(ResultFiles.Pairs)).Skip(1).ToList();
        Assert.Contains(pairs, p => p.StartsWith("video(0),video(2),", StringComparison.Ordinal) || p.StartsWith("video(2),video(0),", StringComparison.Ordinal));
        Assert.DoesNotContain(pairs, p => p.Contains("video(1)", StringComparison.Ordinal));
    }
}
