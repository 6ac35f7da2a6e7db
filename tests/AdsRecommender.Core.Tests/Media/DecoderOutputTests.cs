using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Testing;
using OpenCvSharp;

namespace AdsRecommender.Core.Tests.Media;

/// <summary>
/// How the ffmpeg decoder hands frames over (<see cref="DecoderOutput"/>) and what it leaves undeblocked
/// (<see cref="LoopFilterSkip"/>): the same frames, in the same places, whichever way they travel, each frame its own memory.
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class DecoderOutputTests
{
    private static List<(int Index, Mat Full)> Frames(string path, DecoderOutput output = DecoderOutput.Bgr24, LoopFilterSkip loopFilter = LoopFilterSkip.None,
        FrameDecoder decoder = FrameDecoder.Ffmpeg, double fps = 4)
    {
        var options = new FaceSamplingOptions { Decoder = decoder, DecoderOutput = output, DecoderSkipLoopFilter = loopFilter, DecoderSkip = FrameSkip.None, FramesPerSecond = fps };
        var frames = new List<(int, Mat)>();
        foreach (var f in new FrameSampler(options.ToFrameSampling()).Sample(path))
        {
            frames.Add((f.FrameIndex, f.Full)); // kept as handed over, not cloned: a later frame must not write into it
            if (!ReferenceEquals(f.Detect, f.Full)) f.Detect.Dispose();
        }
        return frames;
    }

    private static double MeanDifference(Mat a, Mat b)
    {
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        var mean = Cv2.Mean(diff);
        return (mean.Val0 + mean.Val1 + mean.Val2) / 3;
    }

    private static void Dispose(params List<(int Index, Mat Full)>[] lists)
    {
        foreach (var list in lists)
            foreach (var f in list) f.Full.Dispose();
    }

    [Theory]
    [InlineData("hamilton_seg_3.7-7.9s__lin_manuel_miranda.mp4")]
    [InlineData("obama_whcd__barack_obama.mp4")]
    [InlineData("street_crowd__unlabeled.mp4")]
    public void Yuv_on_the_pipe_gives_the_frames_ffmpeg_converts_to_bgr_within_a_few_grey_levels(string name)
    {
        var path = Path.Combine(SharedData.Videos, name);
        var openCv = Frames(path, decoder: FrameDecoder.OpenCv);
        var bgr = Frames(path);
        var yuv = Frames(path, DecoderOutput.Yuv420);
        try
        {
            Assert.NotEmpty(yuv);
            Assert.Equal(bgr.Select(f => f.Index), yuv.Select(f => f.Index));
            foreach (var ((_, a), (index, b)) in bgr.Zip(yuv))
            {
                Assert.Equal(a.Size(), b.Size());
                var difference = MeanDifference(a, b);
                Assert.True(difference < 2.0, $"{name} frame {index}: YUV converted by OpenCV differs from swscale's BGR by {difference:F2} grey levels");
            }
            // each frame handed over keeps its own picture (BGR's memory is handed over, not copied)
            foreach (var ((_, a), (index, b)) in openCv.Zip(bgr))
                Assert.True(MeanDifference(a, b) < 1.0, $"{name} frame {index}: not the picture OpenCV decodes there");
        }
        finally
        {
            Dispose(openCv, bgr, yuv);
        }
    }

    [Fact]
    public async Task A_rotated_video_and_a_video_of_odd_size_come_out_upright_and_whole_as_yuv()
    {
        using var dir = new TempFolder();
        var source = Path.Combine(SharedData.Videos, "hamilton_seg_8.3-10.0s__barack_obama.mp4");
        var rotated = Path.Combine(dir.Path, "rotated.mp4");
        await ClipMaker.RunFfmpegAsync(["-y", "-v", "error", "-i", source, "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated]);
        var odd = Path.Combine(dir.Path, "odd.mp4");
        // 4:2:0 at an odd size: chroma rows and columns do not halve evenly, so these frames go as BGR
        await ClipMaker.RunFfmpegAsync(["-y", "-v", "error", "-i", source, "-vf", "scale=427:241", "-c:v", "libx264", "-pix_fmt", "yuv444p", "-t", "1", odd]);
        foreach (var (path, size) in new[] { (rotated, new Size(360, 640)), (odd, new Size(427, 241)) })
        {
            var bgr = Frames(path);
            var yuv = Frames(path, DecoderOutput.Yuv420);
            try
            {
                Assert.NotEmpty(yuv);
                Assert.Equal(bgr.Count, yuv.Count);
                Assert.All(yuv, f => Assert.Equal(size, f.Full.Size()));
                foreach (var ((_, a), (_, b)) in bgr.Zip(yuv)) Assert.True(MeanDifference(a, b) < 2.0);
            }
            finally
            {
                Dispose(bgr, yuv);
            }
        }
    }

    [Fact]
    public void Frames_left_undeblocked_differ_from_the_deblocked_ones_by_little()
    {
        // hamilton_full: P-frames after one key frame, so an undeblocked reference frame carries its error forward
        var path = Path.Combine(SharedData.Videos, "hamilton_full__lin_manuel_miranda.mp4");
        var deblocked = Frames(path, fps: 1);
        var all = Frames(path, loopFilter: LoopFilterSkip.All, fps: 1);
        try
        {
            Assert.Equal(deblocked.Select(f => f.Index), all.Select(f => f.Index));
            var differences = deblocked.Zip(all, (a, b) => MeanDifference(a.Full, b.Full)).ToList();
            Assert.True(differences.Max() > 0.05, "skipping the loop filter changed no frame: the option did not reach the decoder");
            Assert.True(differences.Max() < 8, $"undeblocked frames differ by up to {differences.Max():F2} grey levels");
        }
        finally
        {
            Dispose(deblocked, all);
        }
    }

    [Fact]
    public void Both_settings_are_checked()
    {
        new FaceSamplingOptions { DecoderOutput = DecoderOutput.Yuv420, DecoderSkipLoopFilter = LoopFilterSkip.NonKey }.Validate();
        Assert.Contains("DecoderOutput", Assert.Throws<ArgumentException>(new FaceSamplingOptions { DecoderOutput = (DecoderOutput)7 }.Validate).Message);
        Assert.Contains("DecoderSkipLoopFilter", Assert.Throws<ArgumentException>(new FaceSamplingOptions { DecoderSkipLoopFilter = (LoopFilterSkip)7 }.Validate).Message);
    }
}
