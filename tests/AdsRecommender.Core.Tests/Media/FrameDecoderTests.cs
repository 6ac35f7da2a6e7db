using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Testing;
using OpenCvSharp;

namespace AdsRecommender.Core.Tests.Media;

/// <summary>
/// The system-FFmpeg decoder (<see cref="FrameDecoder.LibAv"/>, the default) against OpenCV's own: the same frames of the
/// real videos, upright phone videos, and no container beyond the ones a download may be.
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class FrameDecoderTests
{
    private static FrameSampler Sampler(FrameDecoder decoder, int maxFrames = 120) =>
        new(new FaceSamplingOptions { Decoder = decoder, MaxFrames = maxFrames }.ToFrameSampling());

    private static List<(int Index, double Seconds, Mat Full)> Frames(FrameDecoder decoder, string path, int maxFrames = 120)
    {
        var frames = new List<(int, double, Mat)>();
        foreach (var f in Sampler(decoder, maxFrames).Sample(path))
            using (f) frames.Add((f.FrameIndex, f.Seconds, f.Full.Clone()));
        return frames;
    }

    /// <summary>Mean absolute difference per channel value, in grey levels.</summary>
    private static double MeanDifference(Mat a, Mat b)
    {
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        var mean = Cv2.Mean(diff);
        return (mean.Val0 + mean.Val1 + mean.Val2) / 3;
    }

    [Theory]
    [InlineData("hamilton_full__lin_manuel_miranda.mp4")]
    [InlineData("hamilton_seg_3.7-7.9s__lin_manuel_miranda.mp4")]
    [InlineData("hamilton_seg_8.3-10.0s__barack_obama.mp4")]
    [InlineData("obama_address__barack_obama.mp4")]
    [InlineData("obama_whcd__barack_obama.mp4")]
    [InlineData("street_crowd__unlabeled.mp4")]
    public void Both_decoders_sample_the_same_frames_of_a_real_video(string name)
    {
        var path = Path.Combine(SharedData.Videos, name);
        var libav = Frames(FrameDecoder.LibAv, path);
        var opencv = Frames(FrameDecoder.OpenCv, path);
        try
        {
            Assert.NotEmpty(libav);
            Assert.Equal(opencv.Select(f => f.Index), libav.Select(f => f.Index));
            Assert.Equal(opencv.Select(f => Math.Round(f.Seconds, 6)), libav.Select(f => Math.Round(f.Seconds, 6)));
            foreach (var (a, b) in opencv.Zip(libav))
            {
                Assert.Equal(a.Full.Size(), b.Full.Size());
                // H.264 decoding is bit-exact; the BGR conversion (SIMD or not) may round differently
                var difference = MeanDifference(a.Full, b.Full);
                Assert.True(difference < 1.0, $"{name} frame {a.Index}: mean difference {difference:F2} grey levels");
            }
        }
        finally
        {
            foreach (var f in libav.Concat(opencv)) f.Full.Dispose();
        }
    }

    [Fact]
    public async Task A_phone_video_with_a_rotation_flag_comes_out_upright_as_OpenCV_shows_it()
    {
        using var dir = new TempFolder();
        var rotated = Path.Combine(dir.Path, "rotated.mp4");
        // the same stream, flagged to be shown turned by 90 degrees (as phones record portrait video)
        await ClipMaker.RunFfmpegAsync(["-y", "-v", "error", "-i", Path.Combine(SharedData.Videos, "hamilton_seg_8.3-10.0s__barack_obama.mp4"),
            "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated]);
        var libav = Frames(FrameDecoder.LibAv, rotated, maxFrames: 3);
        var opencv = Frames(FrameDecoder.OpenCv, rotated, maxFrames: 3);
        try
        {
            Assert.Equal(3, libav.Count);
            Assert.All(libav, f => Assert.Equal(new Size(360, 640), f.Full.Size()));
            foreach (var (a, b) in opencv.Zip(libav)) Assert.True(MeanDifference(a.Full, b.Full) < 1.0);
        }
        finally
        {
            foreach (var f in libav.Concat(opencv)) f.Full.Dispose();
        }
    }

    [Fact]
    public void A_playlist_saved_as_a_video_is_refused_without_reading_what_it_names()
    {
        using var dir = new TempFolder();
        // an HLS playlist naming a real local video: FFmpeg's HLS demuxer would decode it if the container were allowed
        var playlist = Path.Combine(dir.Path, "ad.mp4");
        File.WriteAllText(playlist, $"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:4.0,\n{Path.Combine(SharedData.Videos, "obama_whcd__barack_obama.mp4")}\n#EXT-X-ENDLIST\n");
        var concat = Path.Combine(dir.Path, "concat.mp4");
        File.WriteAllText(concat, $"ffconcat version 1.0\nfile '{Path.Combine(SharedData.Videos, "obama_whcd__barack_obama.mp4")}'\n");
        foreach (var path in new[] { playlist, concat })
        {
            var e = Assert.Throws<VideoDecodeException>(() => Sampler(FrameDecoder.LibAv).Sample(path).ToList());
            Assert.Contains("not a decodable video", e.Message);
        }
    }

    [Fact]
    public void Frames_before_the_next_sample_that_nothing_refers_to_are_not_decoded()
    {
        // street_crowd: 105 frames, 78 of them B-frames; H.264's non-reference frames are left out when they cannot be sampled
        var path = Path.Combine(SharedData.Videos, "street_crowd__unlabeled.mp4");
        static (int Frames, long Last) Decode(string path, long skipUntil)
        {
            using var video = Core.Media.LibAv.LibAvVideo.Open(path, long.MaxValue);
            video.SkipUntil(skipUntil);
            var frames = 0;
            while (video.Grab()) frames++;
            return (frames, video.Index);
        }
        var all = Decode(path, 0);
        var skipped = Decode(path, 100);
        Assert.Equal((105, 104L), all);
        Assert.InRange(skipped.Frames, 20, 80);
        Assert.Equal(104L, skipped.Last); // display order is kept by timestamp across the gaps
    }

    [Fact]
    public async Task Frames_whose_width_is_not_a_multiple_of_8_convert_without_writing_past_the_picture()
    {
        // swscale's SIMD converters write 8 pixels at a time: 18 bytes past a 426-pixel row (12 past 844). Into an unpadded
        // picture that corrupted the heap within a few hundred frames ("malloc(): corrupted top size" before the fix).
        using var dir = new TempFolder();
        var clip = Path.Combine(dir.Path, "w426.mp4");
        await ClipMaker.RunFfmpegAsync(["-y", "-v", "error", "-i", Path.Combine(SharedData.Videos, "hamilton_seg_8.3-10.0s__barack_obama.mp4"),
            "-vf", "scale=426:240", "-c:v", "libx264", "-t", "1", clip]);
        var sampler = new FrameSampler(new FaceSamplingOptions { FramesPerSecond = 30 }.ToFrameSampling());
        var frames = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            foreach (var f in sampler.Sample(clip))
                using (f)
                {
                    Assert.Equal(new Size(426, 240), f.Full.Size());
                    Interlocked.Increment(ref frames);
                    GC.KeepAlive(new byte[1000 + i]); // small allocations beside the pictures, where an overrun lands
                }
        });
        Assert.Equal(400 * 30, frames);
    }
}
