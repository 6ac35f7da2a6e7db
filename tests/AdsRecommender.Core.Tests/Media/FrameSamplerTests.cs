using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Media;

[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class FrameSamplerTests
{
    private static string Video(string name) => Path.Combine(SharedData.Videos, name);

    [Fact]
    public async Task A_two_second_clip_is_sampled_four_times_a_second_in_order()
    {
        var clip = await ClipMaker.GetAsync(ClipSpec.Still(SharedData.Photo("tony_blair", 2), 2.0));
        var frames = new List<(int Index, double Seconds, int W, int H)>();
        // every frame decoded: the schedule itself (leaving frames out moves a sample to the next decoded one: FrameDecoderTests)
        foreach (var f in new FrameSampler(new FaceSamplingOptions { DecoderSkip = FrameSkip.None }.ToFrameSampling()).Sample(clip))
            using (f) frames.Add((f.FrameIndex, f.Seconds, f.Full.Width, f.Full.Height));
        Assert.Equal(8, frames.Count);
        Assert.True(frames.Zip(frames.Skip(1)).All(p => p.Second.Index - p.First.Index is >= 6 and <= 7));
        Assert.All(frames, f => Assert.Equal((640, 360), (f.W, f.H)));
    }

    [Fact]
    public async Task While_the_caller_reports_motion_frames_come_at_the_motion_rate()
    {
        var clip = await ClipMaker.GetAsync(ClipSpec.Still(SharedData.Photo("tony_blair", 2), 2.0));
        var sampler = new FrameSampler(new FaceSamplingOptions { MotionFramesPerSecond = 8, DecoderSkip = FrameSkip.None }.ToFrameSampling());
        // 25 fps: 4 a second = every 6.25 frames, 8 a second = every 3.125; dense only after the 4th sample
        var frames = new List<int>();
        foreach (var f in sampler.Sample(clip, dense: () => frames.Count >= 4))
            using (f) frames.Add(f.FrameIndex);
        var steps = frames.Zip(frames.Skip(1), (a, b) => b - a).ToList();
        Assert.All(steps.Take(3), s => Assert.InRange(s, 6, 7));
        Assert.All(steps.Skip(4), s => Assert.InRange(s, 3, 4));
        Assert.InRange(frames.Count, 11, 13); // 4 in the first 0.75 s at 4/s, then about 8/s for the remaining 1.25 s
    }

    [Fact]
    public void Large_frames_are_downscaled_for_detection_and_kept_full_size_for_alignment()
    {
        var options = new FaceSamplingOptions { MaxFrames = 3 };
        var count = 0;
        foreach (var f in new FrameSampler(options.ToFrameSampling()).Sample(Video("street_crowd__unlabeled.mp4")))
            using (f)
            {
                count++;
                Assert.Equal((1920, 1080), (f.Full.Width, f.Full.Height));
                Assert.Equal((640, 360), (f.Detect.Width, f.Detect.Height));
                Assert.Equal(1 / 3.0, f.DetectScale, 3);
            }
        Assert.Equal(3, count);
    }

    [Fact]
    public void Long_videos_are_sampled_sparsely_up_to_the_frame_cap()
    {
        var options = new FaceSamplingOptions { MaxFrames = 20 };
        var seconds = new List<double>();
        foreach (var f in new FrameSampler(options.ToFrameSampling()).Sample(Video("obama_address__barack_obama.mp4")))
            using (f) seconds.Add(f.Seconds);
        Assert.Equal(20, seconds.Count);
        Assert.True(seconds[^1] > 30, $"last sample at {seconds[^1]:F1} s should be near the end of the 34 s video");
    }

    [Fact]
    public void Garbage_and_truncated_files_give_a_decode_error()
    {
        var dir = Directory.CreateTempSubdirectory("adsrec-decode-").FullName;
        try
        {
            var garbage = Path.Combine(dir, "garbage.mp4");
            File.WriteAllBytes(garbage, Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7919 % 251)).ToArray());
            var truncated = Path.Combine(dir, "truncated.mp4");
            File.WriteAllBytes(truncated, File.ReadAllBytes(Video("obama_whcd__barack_obama.mp4")).AsSpan(0, 2_000).ToArray());
            var empty = Path.Combine(dir, "empty.mp4");
            File.WriteAllBytes(empty, []);
            var sampler = new FrameSampler(new FaceSamplingOptions().ToFrameSampling());
            foreach (var path in new[] { garbage, truncated, empty })
            {
                var e = Assert.Throws<VideoDecodeException>(() => sampler.Sample(path).ToList());
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Frames_above_the_pixel_limit_are_refused_with_the_resolution_in_the_reason()
    {
        var sampler = new FrameSampler(new FaceSamplingOptions { MaxSourcePixels = 1280 * 720 }.ToFrameSampling());
        var e = Assert.Throws<VideoDecodeException>(() => sampler.Sample(Video("street_crowd__unlabeled.mp4")).ToList());
        Assert.Contains("1920x1080", e.Message);
    }

    [Fact]
    public void A_caller_that_stops_early_or_cancels_ends_the_decoding_ahead_of_it()
    {
        var sampler = new FrameSampler(new FaceSamplingOptions().ToFrameSampling());
        var video = Video("obama_address__barack_obama.mp4");
        // stopping after two frames returns at once, with the frames decoded ahead freed (the decoder closes before the call returns)
        var taken = sampler.Sample(video).Take(2).Select(f => { using (f) return f.FrameIndex; }).ToList();
        Assert.Equal(2, taken.Count);
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var f in sampler.Sample(video, cancel.Token))
                using (f)
                    if (++seen == 3) cancel.Cancel();
        });
        Assert.InRange(seen, 3, 3 + 2); // at most the frames already decoded ahead arrive after the cancel
    }
}
