namespace AdsRecommender.Core.Media.Ffmpeg;

/// <summary>A stretch of a video decoded by one ffmpeg run: display-order frames from <paramref name="Start"/> up to (not
/// including) <paramref name="End"/> (null: the end of the video), leaving out the frames <paramref name="Skip"/> names.</summary>
internal sealed record DecodeSegment(long Start, long? End, double StartSeconds, FrameSkip Skip)
{
    /// <summary>The whole video in one run.</summary>
    public static DecodeSegment Whole(FrameSkip skip) => new(long.MinValue, null, double.NaN, skip);

    /// <summary>The decoder's options for this stretch: the frames left out and where to start (its key frame, half a frame
    /// early: timestamps are rounded; with <c>-copyts</c> the stream's times are kept).</summary>
    public IEnumerable<string> DecoderOptions(double fps)
    {
        if (Skip != FrameSkip.None)
        {
            yield return "-skip_frame";
            yield return Skip == FrameSkip.NonKey ? "nokey" : "noref";
        }
        if (!double.IsFinite(StartSeconds)) yield break;
        yield return "-ss";
        yield return Math.Max(0, StartSeconds - 0.5 / fps).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Decoding only the key frames of a video whose key frames come often enough (at most
/// <see cref="KeyFrameDecoding.MaxGapSeconds"/> apart, from the first to the end of the video), except where the picture
/// changes from one key frame to the next (their 64x36 grey thumbnails differ by at least
/// <see cref="KeyFrameDecoding.ChangeDifference"/> grey levels): that stretch is decoded in full (non-reference frames
/// left out) and sampled at the usual rate. So a shot of at least the key-frame gap holds a key frame, and the stretches
/// on either side of it, where the picture changed, are sampled densely: an unchanged picture costs one decoded frame per
/// key frame. Any other video is one segment with the usual skip.
/// </summary>
internal static class KeyFramePlan
{
    /// <summary>Whether a video may be decoded by key frames at all (the probe then lists them).</summary>
    public static bool Applies(FrameSkip skip, KeyFrameDecoding keyFrames) => skip == FrameSkip.NonReference && keyFrames.MaxGapSeconds > 0;

    /// <summary>
    /// The segments to decode <paramref name="path"/> in, in order; <paramref name="thumbnails"/> gives the key frames'
    /// thumbnails when the video qualifies (the thumbnail pass when it is absent or gives none).
    /// </summary>
    public static IReadOnlyList<DecodeSegment> For(string path, FfmpegProbe probe, FrameSkip skip, KeyFrameDecoding keyFrames,
        Func<string, IReadOnlyList<byte[]>>? thumbnails = null)
    {
        List<DecodeSegment> whole = [DecodeSegment.Whole(skip)];
        if (!Applies(skip, keyFrames) || probe.Fps <= 0 || probe.FrameCount <= 0) return whole;
        var keys = probe.KeyFrames;
        if (!Dense(keys, probe, keyFrames.MaxGapSeconds)) return whole;
        // the given thumbnails, else (none given, or none came) the thumbnail pass
        var thumbs = thumbnails?.Invoke(path) is { Count: > 0 } given ? given : KeyThumbnails(path);
        if (thumbs.Count != keys.Count) return whole; // the decoder's key frames are not the container's: decode as usual
        var segments = new List<DecodeSegment>();
        for (var k = 0; k < keys.Count; k++)
        {
            // the stretch from key frame k to k+1 is decoded in full when the picture at k+1 differs; the last stretch (to the
            // end, at most the gap) as the one before it
            var kind = k + 1 < keys.Count
                ? Difference(thumbs[k], thumbs[k + 1]) >= keyFrames.ChangeDifference ? FrameSkip.NonReference : FrameSkip.NonKey
                : segments.Count > 0 ? segments[^1].Skip : FrameSkip.NonKey;
            if (segments.Count > 0 && segments[^1].Skip == kind) continue; // the run goes on
            var start = probe.FrameIndex(keys[k]);
            if (segments.Count > 0) segments[^1] = segments[^1] with { End = start };
            segments.Add(new DecodeSegment(start, null, keys[k], kind));
        }
        return segments;
    }

    /// <summary>Key frames at most <paramref name="maxGapSeconds"/> apart, from the start of the video to its end.</summary>
    internal static bool Dense(IReadOnlyList<double> keys, FfmpegProbe probe, double maxGapSeconds)
    {
        if (keys.Count < 2) return false;
        var slack = 0.5 / probe.Fps; // timestamps are rounded to the stream's time base
        var end = probe.StartSeconds + probe.FrameCount / probe.Fps;
        if (keys[0] - probe.StartSeconds > slack) return false;
        for (var k = 1; k < keys.Count; k++)
            if (keys[k] - keys[k - 1] > maxGapSeconds + slack) return false;
        return end - keys[^1] <= maxGapSeconds + slack;
    }

    /// <summary>Mean absolute difference of two grey thumbnails (grey levels).</summary>
    internal static double Difference(byte[] a, byte[] b)
    {
        long sum = 0;
        for (var i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return (double)sum / a.Length;
    }

    /// <summary>The key frames' grey thumbnails' size; <see cref="KeyFramePictures"/> must make the same ones.</summary>
    internal const int ThumbWidth = 64, ThumbHeight = 36;

    /// <summary>The filter that makes a thumbnail of a decoded frame (area average, grey).</summary>
    internal static string ThumbnailFilter => $"scale={ThumbWidth}:{ThumbHeight}:flags=area,format=gray";

    /// <summary>The key frames as 64x36 grey thumbnails (area average), decoded by ffmpeg with every other frame left out.</summary>
    private static IReadOnlyList<byte[]> KeyThumbnails(string path)
    {
        string[] arguments =
        [
            "-hide_banner", "-nostats", "-nostdin", "-loglevel", "error", "-threads", "1", "-skip_frame", "nokey", .. FfmpegProbe.InputOptions,
            "-i", FfmpegProbe.Url(path), "-map", "0:V:0", "-an", "-sn", "-dn", "-vf", ThumbnailFilter,
            "-fps_mode", "passthrough", "-f", "rawvideo", "pipe:1",
        ];
        using var process = FfmpegPrograms.Start("ffmpeg", arguments);
        var error = process.StandardError.ReadToEndAsync();
        var thumbs = new List<byte[]>();
        var stream = process.StandardOutput.BaseStream;
        while (true)
        {
            var thumb = new byte[ThumbWidth * ThumbHeight];
            if (stream.ReadAtLeast(thumb, thumb.Length, throwOnEndOfStream: false) < thumb.Length) break;
            thumbs.Add(thumb);
        }
        process.WaitForExit();
        _ = error.Result;
        return process.ExitCode == 0 ? thumbs : [];
    }
}
