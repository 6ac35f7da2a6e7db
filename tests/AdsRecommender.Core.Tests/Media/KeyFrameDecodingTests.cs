using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Media;

/// <summary>
/// Key frames only where they are dense (<see cref="FaceSamplingOptions.KeyFrameMaxGapSeconds"/>): an unchanged picture
/// costs one sample per key frame, a shot between key frames is still sampled at the usual rate, and videos whose key
/// frames are far apart are sampled as before.
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class KeyFrameDecodingTests
{
    private static List<int> Indices(string path, FaceSamplingOptions options)
    {
        var indices = new List<int>();
        foreach (var f in new FrameSampler(options.ToFrameSampling()).Sample(path))
            using (f) indices.Add(f.FrameIndex);
        return indices;
    }

    [Fact]
    public void A_talking_head_with_a_key_frame_every_second_is_sampled_at_its_key_frames()
    {
        // obama_address: 1,021 frames at 30 fps, a key frame every 30 frames, no cut (key frames differ by 0.4-4.5 grey levels)
        var path = Path.Combine(SharedData.Videos, "obama_address__barack_obama.mp4");
        var keys = Indices(path, new FaceSamplingOptions());
        Assert.Equal(Enumerable.Range(0, 35).Select(k => 30 * k), keys);
        Assert.Equal(120, Indices(path, new FaceSamplingOptions { KeyFrameMaxGapSeconds = 0 }).Count); // as before: the frame cap
    }

    [Fact]
    public void Videos_whose_key_frames_are_far_apart_or_that_keep_changing_are_sampled_as_before()
    {
        // hamilton_full: key frames 1.4-2 s apart; obama_whcd: one a second, but the picture changes between each two
        foreach (var name in new[] { "hamilton_full__lin_manuel_miranda.mp4", "obama_whcd__barack_obama.mp4" })
        {
            var path = Path.Combine(SharedData.Videos, name);
            Assert.Equal(Indices(path, new FaceSamplingOptions { KeyFrameMaxGapSeconds = 0 }), Indices(path, new FaceSamplingOptions()));
        }
    }

    [Fact]
    public async Task A_short_shot_between_key_frames_is_sampled_at_the_usual_rate()
    {
        // person A 2.5 s, person B 1.2 s, person A 3 s; a key frame every second and none at the cuts
        using var folder = new TempFolder();
        var path = await KeyFrameClips.EverySecondAsync(folder, bFrames: false);

        var before = Indices(path, new FaceSamplingOptions { KeyFrameMaxGapSeconds = 0 });
        var after = Indices(path, new FaceSamplingOptions());
        Assert.True(after.Count < before.Count, $"{after.Count} samples, {before.Count} before");
        // B is on screen in frames 63-92, between the key frames 50, 75 and 100: sampled as before (4 a second)
        Assert.Equal(before.Where(i => i is >= 63 and < 93), after.Where(i => i is >= 63 and < 93));
        Assert.True(after.Count(i => i is >= 63 and < 93) >= 4);
        // the unchanged first two seconds: their key frames only
        Assert.Equal([0, 25], after.Where(i => i < 50));
    }
}
