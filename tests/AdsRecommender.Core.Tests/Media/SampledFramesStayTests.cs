using System.Globalization;
using System.Security.Cryptography;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Testing;
using OpenCvSharp;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Media;

/// <summary>
/// The decode path may get cheaper, never different (issue #25, "The decode path's overhead"): with the default settings
/// each real video is sampled at the frames it was sampled at on main 10456f9 (key-frame plan, left-out frames, frame cap),
/// and each sampled frame's pixels equal that frame decoded plainly by ffmpeg (every frame decoded, one process, no seek)
/// and converted as the sampler converts (limited-range 4:2:0, OpenCV's BT.601 conversion to BGR).
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class SampledFramesStayTests(ITestOutputHelper output)
{
    // sampled frame indices on main 10456f9 (ffmpeg 5.1.9); obama_address: its 35 key frames, 30 apart
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["hamilton_full__lin_manuel_miranda.mp4"] = "4 11 19 26 34 41 49 56 64 71 79 86 94 101 109 116 124 131 139 146 154 161 169 176 184 191 199 206 214 221 229 236 244 251 258 266 273",
        ["hamilton_seg_3.7-7.9s__lin_manuel_miranda.mp4"] = "4 11 19 26 34 42 49 56 64 72 79 86 94 101 109 117 124",
        ["hamilton_seg_8.3-10.0s__barack_obama.mp4"] = "4 12 20 26 35 41 50",
        ["obama_address__barack_obama.mp4"] = string.Join(' ', Enumerable.Range(0, 35).Select(k => 30 * k)),
        ["obama_whcd__barack_obama.mp4"] = "2 6 10 14 17 21 25 29 32 36 40 44 47 51 55 59",
        ["street_crowd__unlabeled.mp4"] = "4 10 16 22 28 34 42 48 54 60 66 72 78 84 92 98 104",
    };

    [Fact]
    public async Task The_real_videos_are_sampled_at_the_same_frames_with_the_pixels_of_a_plain_decode()
    {
        var sampler = new FrameSampler(new FaceSamplingOptions().ToFrameSampling());
        var sampled = new List<(string Name, string Expected, string Indices, List<string> Plain, List<string> Hashes)>();
        foreach (var (name, expected) in Expected)
        {
            var path = Path.Combine(SharedData.Videos, name);
            var (indices, hashes, size) = (new List<int>(), new List<string>(), default(Size));
            foreach (var f in sampler.Sample(path))
                using (f)
                {
                    indices.Add(f.FrameIndex);
                    hashes.Add(Hash(f.Full));
                    size = f.Full.Size(); // these videos carry no rotation: the stored size
                }
            output.WriteLine($"{name}: {string.Join(' ', indices)}");
            sampled.Add((name, expected, string.Join(' ', indices), await PlainHashesAsync(path, indices, size.Width, size.Height), hashes));
        }
        foreach (var (name, expected, indices, plain, hashes) in sampled)
        {
            Assert.True(expected == indices, $"{name}: sampled at {indices}, not at {expected}");
            Assert.Equal(plain, hashes);
        }
    }

    [Fact]
    public async Task A_video_whose_key_frames_change_and_stay_is_sampled_as_by_one_run_per_segment()
    {
        // 6.7 s at 25 fps, a key frame every second, cuts at 2.5 and 3.7 s: key-frames-only stretches (taken from the key
        // frames decoded once for their thumbnails) around stretches decoded in full (their own ffmpeg runs)
        using var folder = new TempFolder();
        var path = await KeyFrameClips.EverySecondAsync(folder, bFrames: true);

        List<int> Indices(int pictureMegabytes, List<string> hashes)
        {
            var indices = new List<int>();
            foreach (var f in new FrameSampler(new FaceSamplingOptions { KeyFramePictureMegabytes = pictureMegabytes }.ToFrameSampling()).Sample(path))
                using (f)
                {
                    indices.Add(f.FrameIndex);
                    hashes.Add(Hash(f.Full));
                }
            return indices;
        }

        var (hashes, hashesByRuns) = (new List<string>(), new List<string>());
        var stored = Indices(64, hashes);
        // no pictures kept: every segment decoded by its own run, as before
        Assert.Equal(Indices(0, hashesByRuns), stored);
        Assert.Equal(hashesByRuns, hashes);
        Assert.Equal([0, 25], stored.Where(i => i < 50)); // the unchanged first two seconds: their key frames only
        Assert.True(stored.Count(i => i is >= 63 and < 93) >= 4, string.Join(' ', stored));
        Assert.Equal(await PlainHashesAsync(path, stored, 640, 360), hashes);
    }

    /// <summary>The frames at <paramref name="indices"/> decoded with nothing left out, converted as the sampler converts them.</summary>
    private static async Task<List<string>> PlainHashesAsync(string path, List<int> indices, int width, int height)
    {
        using var folder = new TempFolder();
        var raw = folder.File("frames.yuv");
        var select = string.Join('+', indices.Select(i => string.Create(CultureInfo.InvariantCulture, $"eq(n\\,{i})")));
        await ChildProcess.RunCheckedAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-threads", "1", "-noautorotate", "-i", path,
            "-map", "0:V:0", "-vf", $"select={select},scale=out_range=tv,format=yuv420p", "-fps_mode", "passthrough", "-f", "rawvideo", raw], Deadline.Short);
        var bytes = await File.ReadAllBytesAsync(raw);
        var size = width * height * 3 / 2;
        Assert.Equal(indices.Count * size, bytes.Length);
        var hashes = new List<string>();
        for (var k = 0; k < indices.Count; k++)
        {
            using var yuv = new Mat(height * 3 / 2, width, MatType.CV_8UC1);
            bytes.AsSpan(k * size, size).CopyTo(yuv.AsSpan<byte>());
            using var bgr = new Mat();
            Cv2.CvtColor(yuv, bgr, ColorConversionCodes.YUV2BGR_I420);
            hashes.Add(Hash(bgr));
        }
        return hashes;
    }

    private static string Hash(Mat bgr)
    {
        using var packed = bgr.IsContinuous() ? null : bgr.Clone();
        return Convert.ToHexString(SHA256.HashData((packed ?? bgr).AsSpan<byte>()))[..16];
    }
}
