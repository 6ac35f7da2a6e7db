using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Testing;
using OpenCvSharp;

namespace AdsRecommender.Core.Tests.Media;

/// <summary>
/// The system's ffmpeg program (<see cref="FrameDecoder.Ffmpeg"/>, the default) against OpenCV's own decoder: the same frames
/// of the real videos, upright phone videos, no container beyond the ones a download may be, and the frames left out on request.
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class FrameDecoderTests
{
    private static FrameSampler Sampler(FrameDecoder decoder, int maxFrames = 120, FrameSkip skip = FrameSkip.None, double fps = 4) =>
        // BGR from swscale, as OpenCV's decoder converts: the decoders compared, not the conversions (DecoderOutputTests)
        new(new FaceSamplingOptions { Decoder = decoder, MaxFrames = maxFrames, DecoderSkip = skip, FramesPerSecond = fps, DecoderOutput = DecoderOutput.Bgr24 }.ToFrameSampling());

    private static List<(int Index, double Seconds, Mat Full)> Frames(FrameDecoder decoder, string path, int maxFrames = 120, FrameSkip skip = FrameSkip.None,
        double fps = 4)
    {
        var frames = new List<(int, double, Mat)>();
        foreach (var f in Sampler(decoder, maxFrames, skip, fps).Sample(path))
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
        var ffmpeg = Frames(FrameDecoder.Ffmpeg, path);
        var opencv = Frames(FrameDecoder.OpenCv, path);
        try
        {
            Assert.NotEmpty(ffmpeg);
            Assert.Equal(opencv.Select(f => f.Index), ffmpeg.Select(f => f.Index));
            Assert.Equal(opencv.Select(f => Math.Round(f.Seconds, 6)), ffmpeg.Select(f => Math.Round(f.Seconds, 6)));
            foreach (var (a, b) in opencv.Zip(ffmpeg))
            {
                Assert.Equal(a.Full.Size(), b.Full.Size());
                // H.264 decoding is bit-exact; the BGR conversion (SIMD or not) may round differently
                var difference = MeanDifference(a.Full, b.Full);
                Assert.True(difference < 1.0, $"{name} frame {a.Index}: mean difference {difference:F2} grey levels");
            }
        }
        finally
        {
            foreach (var f in ffmpeg.Concat(opencv)) f.Full.Dispose();
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
        var ffmpeg = Frames(FrameDecoder.Ffmpeg, rotated, maxFrames: 3);
        var opencv = Frames(FrameDecoder.OpenCv, rotated, maxFrames: 3);
        try
        {
            Assert.Equal(3, ffmpeg.Count);
            Assert.All(ffmpeg, f => Assert.Equal(new Size(360, 640), f.Full.Size()));
            foreach (var (a, b) in opencv.Zip(ffmpeg)) Assert.True(MeanDifference(a.Full, b.Full) < 1.0);
        }
        finally
        {
            foreach (var f in ffmpeg.Concat(opencv)) f.Full.Dispose();
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
            var e = Assert.Throws<VideoDecodeException>(() => Sampler(FrameDecoder.Ffmpeg).Sample(path).ToList());
            Assert.Contains("not a decodable video", e.Message);
        }
    }

    [Fact]
    public void Frames_the_decoder_is_told_to_skip_are_not_decoded_and_the_rest_keep_their_place()
    {
        // street_crowd: 105 frames at 25 fps, one keyframe, 78 B-frames of which FFmpeg's "noref" leaves out 52
        var path = Path.Combine(SharedData.Videos, "street_crowd__unlabeled.mp4");
        List<int> Indices(FrameSkip skip)
        {
            var frames = Frames(FrameDecoder.Ffmpeg, path, skip: skip, fps: 25);
            foreach (var f in frames) f.Full.Dispose();
            return [.. frames.Select(f => f.Index)];
        }
        var all = Indices(FrameSkip.None);
        var referenced = Indices(FrameSkip.NonReference);
        var keys = Indices(FrameSkip.NonKey);

        Assert.Equal(Enumerable.Range(0, 105), all); // every frame, numbered in display order
        Assert.Equal(53, referenced.Count);
        Assert.Equal(104, referenced[^1]); // display order is kept by timestamp across the gaps
        Assert.True(referenced.SequenceEqual(referenced.Order()) && referenced.Distinct().Count() == 53);
        Assert.Equal([0], keys);
    }

    [Fact]
    public void The_ffmpeg_decoder_leaves_non_reference_frames_out_unless_told_otherwise()
    {
        Assert.Equal(FrameSkip.NonReference, new FaceSamplingOptions().ToFrameSampling().Skip);
        Assert.Equal(FrameSkip.None, new FaceSamplingOptions { DecoderSkip = FrameSkip.None }.ToFrameSampling().Skip);
        var openCv = new FaceSamplingOptions { Decoder = FrameDecoder.OpenCv };
        openCv.Validate(); // the fallback decoder decodes every frame by default, so choosing it alone stays valid
        Assert.Equal(FrameSkip.None, openCv.ToFrameSampling().Skip);
    }

    [Fact]
    public void Skipping_frames_needs_the_ffmpeg_decoder()
    {
        var options = new FaceSamplingOptions { Decoder = FrameDecoder.OpenCv, DecoderSkip = FrameSkip.NonKey };
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("DecoderSkip", e.Message);
        new FaceSamplingOptions { DecoderSkip = FrameSkip.NonKey }.Validate();
    }

    [Fact]
    public async Task Frames_whose_width_is_not_a_multiple_of_8_come_out_whole_from_parallel_decoders()
    {
        // 426 pixels: swscale's SIMD converters write 8 pixels at a time, past such a row's end (the in-process decoder once
        // corrupted the heap that way); each frame must arrive whole through the pipe, with two videos decoded at once.
        using var dir = new TempFolder();
        var clip = Path.Combine(dir.Path, "w426.mp4");
        await ClipMaker.RunFfmpegAsync(["-y", "-v", "error", "-i", Path.Combine(SharedData.Videos, "hamilton_seg_8.3-10.0s__barack_obama.mp4"),
            "-vf", "scale=426:240", "-c:v", "libx264", "-t", "1", clip]);
        var sampler = new FrameSampler(new FaceSamplingOptions { FramesPerSecond = 30, DecoderSkip = FrameSkip.None }.ToFrameSampling()); // every frame of the clip
        var frames = 0;
        Parallel.For(0, 20, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            foreach (var f in sampler.Sample(clip))
                using (f)
                {
                    Assert.Equal(new Size(426, 240), f.Full.Size());
                    Interlocked.Increment(ref frames);
                    GC.KeepAlive(new byte[1000 + i]); // small allocations beside the pictures, where an overrun lands
                }
        });
        Assert.Equal(20 * 30, frames);
    }
}
