using System.Globalization;
using OpenCvSharp;

namespace AdsRecommender.Core.Media.Ffmpeg;

/// <summary>
/// A dense video's key frames decoded once (docs/PERFORMANCE.md, "The decode path's overhead"): one ffmpeg run writes, for
/// each key frame, the picture converted as <see cref="FfmpegVideo"/> converts it (limited-range 4:2:0) with the 64x36 grey
/// thumbnail of <see cref="KeyFramePlan"/> stacked below it (the thumbnail pass's own filter on the same decoded frame), so
/// the plan's key-frames-only stretches are taken from these pictures instead of a second run decoding the same key frames.
/// Only for videos whose key-frame pictures all fit in <see cref="KeyFrameDecoding.PictureMegabytes"/>, with even sides and no rotation.
/// </summary>
internal sealed class KeyFramePictures : IDisposable
{
    private const int ThumbWidth = KeyFramePlan.ThumbWidth, ThumbHeight = KeyFramePlan.ThumbHeight;
    private static readonly TimeSpan LineDeadline = TimeSpan.FromSeconds(60);

    private readonly List<(long Index, double Seconds, Mat Picture)> _pictures = [];
    private readonly List<byte[]> _thumbs = [];

    private KeyFramePictures()
    {
    }

    /// <summary>The key frames' thumbnails, in order, as the thumbnail pass writes them.</summary>
    public IReadOnlyList<byte[]> Thumbs => _thumbs;

    /// <summary>The key frames' display-order indices, display times and pictures (I420, the stored size), in order.</summary>
    public IReadOnlyList<(long Index, double Seconds, Mat Picture)> Pictures => _pictures;

    /// <summary>Whether the pictures of <paramref name="probe"/>'s key frames may be held (a 34-s 720p video with a key frame a second: 48 MB).</summary>
    public static bool Apply(FfmpegProbe probe, KeyFrameDecoding keyFrames, DecoderOutput output, LoopFilterSkip loopFilter) =>
        output == DecoderOutput.Yuv420 && loopFilter == LoopFilterSkip.None && probe.Rotation == 0 && probe.StartSeconds == 0
        && probe.Width % 2 == 0 && probe.Height % 2 == 0 && probe.Width >= ThumbWidth * 2
        && (long)probe.KeyFrames.Count * probe.Width * probe.Height * 3 / 2 <= (long)keyFrames.PictureMegabytes << 20;

    /// <summary>Decodes every key frame of <paramref name="path"/>; an empty set when ffmpeg fails (the plan then decodes as usual).</summary>
    public static KeyFramePictures Decode(string path, FfmpegProbe probe, long maxPixels)
    {
        var (width, height) = (probe.Width, probe.Height);
        var pictures = new KeyFramePictures();
        using var run = FfmpegRun.Start(Arguments(path, width, height, maxPixels));
        var composite = new byte[width * (height + ThumbHeight) * 3 / 2];
        while (run.Frames.ReadAtLeast(composite, composite.Length, throwOnEndOfStream: false) == composite.Length)
        {
            var seconds = run.NextTimestamp(LineDeadline);
            pictures._thumbs.Add(Thumb(composite, width, height));
            pictures._pictures.Add((double.IsFinite(seconds) ? probe.FrameIndex(seconds) : -1, seconds, Picture(composite, width, height)));
        }
        if (run.Finish() is null) return pictures;
        pictures.Dispose();
        return new KeyFramePictures();
    }

    public void Dispose()
    {
        foreach (var (_, _, picture) in _pictures) picture.Dispose();
        _pictures.Clear();
    }

    /// <summary>
    /// The decoded frame split in two: the thumbnail pass's filter (area scale, grey) padded to the picture's width and
    /// made the luma of a 4:2:0 strip (its chroma is cropped from it and ignored), stacked below the converted picture.
    /// </summary>
    private static List<string> Arguments(string path, int width, int height, long maxPixels)
    {
        var w = width.ToString(CultureInfo.InvariantCulture);
        var half = (width / 2).ToString(CultureInfo.InvariantCulture);
        var graph = $"[0:V:0]split=2[f][t];[t]{KeyFramePlan.ThumbnailFilter},pad={w}:{ThumbHeight}[ty];"
            + $"[ty]split=3[y][u0][v0];[u0]crop={half}:{ThumbHeight / 2}:0:0[u];[v0]crop={half}:{ThumbHeight / 2}:0:0[v];"
            + "[y][u][v]mergeplanes=0x001020:yuv420p[strip];[f]scale=out_range=tv,format=yuv420p[picture];"
            + "[picture][strip]vstack,showinfo=checksum=0[out]";
        var arguments = FfmpegRun.Leading(maxPixels);
        arguments.AddRange(["-skip_frame", "nokey", "-noautorotate", "-copyts", .. FfmpegProbe.InputOptions, "-i", FfmpegProbe.Url(path),
            "-filter_threads", "1", "-filter_complex", graph, "-map", "[out]", "-an", "-sn", "-dn", "-fps_mode", "passthrough",
            "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"]);
        return arguments;
    }

    /// <summary>The thumbnail: the first 64 bytes of each of the strip's 36 luma rows.</summary>
    private static byte[] Thumb(byte[] composite, int width, int height)
    {
        var thumb = new byte[ThumbWidth * ThumbHeight];
        for (var r = 0; r < ThumbHeight; r++)
            composite.AsSpan((height + r) * width, ThumbWidth).CopyTo(thumb.AsSpan(r * ThumbWidth));
        return thumb;
    }

    /// <summary>The picture's planes out of the taller composite, laid out as one I420 frame.</summary>
    private static Mat Picture(byte[] composite, int width, int height)
    {
        var picture = new Mat(height * 3 / 2, width, MatType.CV_8UC1);
        var target = picture.AsSpan<byte>();
        var (luma, chroma) = (width * height, width / 2 * (height / 2));
        var tall = height + ThumbHeight;
        composite.AsSpan(0, luma).CopyTo(target);
        composite.AsSpan(width * tall, chroma).CopyTo(target[luma..]); // U: its first height/2 rows
        composite.AsSpan(width * tall + width / 2 * (tall / 2), chroma).CopyTo(target[(luma + chroma)..]); // V
        return picture;
    }
}
