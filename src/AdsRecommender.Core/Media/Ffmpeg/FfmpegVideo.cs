using System.Globalization;
using OpenCvSharp;

namespace AdsRecommender.Core.Media.Ffmpeg;

/// <summary>
/// One video decoded by the system's <c>ffmpeg</c> program on a pipe (<see cref="FrameDecoder.Ffmpeg"/>): the stream's
/// facts from <see cref="FfmpegProbe"/>, then one ffmpeg process that decodes with one thread (videos run in parallel
/// instead), picks the frames of the <see cref="SamplingPlan"/> itself (its <c>select</c> filter, so only those are
/// converted) and writes them raw: as BGR converted with the swscale call OpenCV makes (bicubic, BT.601, no resize), or as
/// YUV 4:2:0 that OpenCV converts here (<see cref="DecoderOutput"/>). A frame's bytes are read straight into a Mat.
/// Each frame's timestamp comes from <c>showinfo</c> on the error output; frames are numbered by it in display order.
/// Frames are turned upright here, by the display matrix, as OpenCV turns them. Where key frames come often enough the
/// video is decoded in segments (<see cref="KeyFramePlan"/>): key frames only where the picture stays the same (taken from
/// <see cref="KeyFramePictures"/> where they fit, else one ffmpeg run each), every reference frame where it changes.
/// </summary>
internal sealed class FfmpegVideo : IVideoFrames
{
    private static readonly TimeSpan LineDeadline = TimeSpan.FromSeconds(60); // showinfo's line precedes its frame; a stuck ffmpeg fails the video

    private readonly string _path;
    private readonly FfmpegProbe _probe;
    private readonly FrameSkip _skip;
    private readonly KeyFrameDecoding _keyFrames;
    private readonly long _maxPixels;
    private readonly DecoderOutput _output;
    private readonly LoopFilterSkip _loopFilter;
    private Mat? _frame; // the last grabbed frame's bytes as ffmpeg wrote them
    private bool _handedOver; // _frame's memory now belongs to the Mat a Retrieve filled
    private SamplingPlan _plan = new(0, 1, true);
    private FfmpegRun? _run;
    private IReadOnlyList<DecodeSegment>? _segments;
    private int _segment; // the segment _run decodes
    private bool _ended, _hasFrame;
    private long _count;
    private Mat? _picture;
    private KeyFramePictures? _pictures; // a dense video's key frames, decoded once
    private IEnumerator<(long Index, Mat Picture)>? _stored; // the current key-frames-only segment, from _pictures
    private Mat? _storedPicture; // the last grabbed frame when it came from _pictures

    private FfmpegVideo(string path, FfmpegProbe probe, FrameSkip skip, KeyFrameDecoding keyFrames, long maxPixels, DecoderOutput output, LoopFilterSkip loopFilter)
    {
        (_path, _probe, _skip, _keyFrames, _maxPixels, _loopFilter) = (path, probe, skip, keyFrames, maxPixels, loopFilter);
        // OpenCV's 4:2:0 conversion needs whole chroma samples
        _output = probe.Width % 2 == 0 && probe.Height % 2 == 0 ? output : DecoderOutput.Bgr24;
    }

    /// <summary>Probes <paramref name="path"/>; throws <see cref="VideoDecodeException"/> naming what is wrong with the file.</summary>
    public static FfmpegVideo Open(string path, long maxPixels, FrameSkip skip, KeyFrameDecoding keyFrames, DecoderOutput output = DecoderOutput.Bgr24,
        LoopFilterSkip loopFilter = LoopFilterSkip.None, IndexReader reader = IndexReader.InProcess)
    {
        var probe = FfmpegProbe.Read(path, KeyFramePlan.Applies(skip, keyFrames), reader);
        if ((long)probe.Width * probe.Height > maxPixels)
            throw new VideoDecodeException($"resolution {probe.Width}x{probe.Height} exceeds the limit of {maxPixels} pixels per frame");
        return new FfmpegVideo(path, probe, skip, keyFrames, maxPixels, output, loopFilter);
    }

    public int Width => _probe.Rotation is 90 or 270 ? _probe.Height : _probe.Width;
    public int Height => _probe.Rotation is 90 or 270 ? _probe.Width : _probe.Height;
    public double Fps => _probe.Fps;
    public long FrameCount => _probe.FrameCount;
    public long Index { get; private set; } = -1;

    /// <summary>A key frame of a key-frames-only stretch: it stands for the samples due around it.</summary>
    public bool Chosen { get; private set; }

    public void Plan(SamplingPlan plan) => _plan = plan;

    public bool Grab()
    {
        _hasFrame = false;
        _storedPicture?.Dispose(); // served: its memory goes back (the list's Dispose later skips it)
        _storedPicture = null;
        while (!_ended)
        {
            if (_run is null && _stored is null)
            {
                // motion sampling wants every frame: one run, the usual skip
                _segments ??= _plan.EveryFrame ? [DecodeSegment.Whole(_skip)] : KeyFramePlan.For(_path, _probe, _skip, _keyFrames, Thumbnails());
                if (_segment >= _segments.Count) break;
                var next = _segments[_segment];
                if (next.Skip == FrameSkip.NonKey && _pictures is { Pictures.Count: > 0 }) _stored = Stored(next).GetEnumerator();
                else _run = FfmpegRun.Start(Arguments(next));
            }
            if (_stored is not null)
            {
                if (!_stored.MoveNext())
                {
                    NextSegment(stop: false);
                    continue;
                }
                (Index, _storedPicture) = _stored.Current;
                return Delivered(chosen: true);
            }
            var bytes = FrameBytes();
            if (_run!.Frames.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            {
                var reason = _run.Finish();
                if (_count == 0 && reason is not null) throw new VideoDecodeException($"not a decodable video (ffmpeg: {reason.Replace(FfmpegProbe.Url(_path) + ": ", "", StringComparison.Ordinal)})");
                NextSegment(stop: reason is not null);
                continue;
            }
            var seconds = _run.NextTimestamp(LineDeadline);
            // display order from the timestamp (left-out frames leave gaps), else by count
            var index = _probe.Fps > 0 && double.IsFinite(seconds) ? _probe.FrameIndex(seconds) : Index + 1;
            var segment = _segments![_segment];
            if (index < segment.Start) continue;
            if (index >= segment.End)
            {
                NextSegment(stop: false);
                continue;
            }
            Index = index;
            return Delivered(chosen: segment.Skip == FrameSkip.NonKey);
        }
        _ended = true;
        return false;
    }

    private bool Delivered(bool chosen)
    {
        Chosen = chosen;
        _count++;
        _hasFrame = true;
        return true;
    }

    /// <summary>The thumbnails for the key-frame plan from <see cref="KeyFramePictures"/> where it applies (else the thumbnail pass).</summary>
    private Func<string, IReadOnlyList<byte[]>>? Thumbnails() =>
        KeyFramePictures.Apply(_probe, _keyFrames, _output, _loopFilter) ? path => (_pictures = KeyFramePictures.Decode(path, _probe, _maxPixels)).Thumbs : null;

    /// <summary>
    /// What a run of the key-frames-only <paramref name="segment"/> would deliver, from the pictures: the key frames from its
    /// <c>-ss</c> on, the first and each one past a due sample (<see cref="SelectExpression"/>), within the segment.
    /// </summary>
    private IEnumerable<(long Index, Mat Picture)> Stored(DecodeSegment segment)
    {
        var from = double.IsFinite(segment.StartSeconds) ? Math.Max(0, segment.StartSeconds - 0.5 / _probe.Fps) : double.NegativeInfinity;
        long? previous = null;
        foreach (var (index, seconds, picture) in _pictures!.Pictures)
        {
            if (seconds < from) continue;
            var taken = previous is not { } p || Due(index) > Due(p);
            previous = index;
            if (!taken || index < segment.Start) continue;
            if (index >= segment.End) yield break;
            yield return (index, picture);
        }
    }

    /// <summary>The count of samples due by frame <paramref name="index"/>, as the select expression computes it.</summary>
    private double Due(long index) => Math.Floor((index + 0.5 - _plan.First) / _plan.Interval);

    /// <summary>Ends the current run and moves to the next segment (<paramref name="stop"/>: to none, ffmpeg failed after frames).</summary>
    private void NextSegment(bool stop)
    {
        _run?.Dispose();
        _run = null;
        _stored?.Dispose();
        _stored = null;
        _segment = stop ? int.MaxValue : _segment + 1;
    }

    /// <summary>The memory the next frame is read into: a fresh Mat once the last one was handed over, else the same one.</summary>
    private Span<byte> FrameBytes()
    {
        if (_frame is null || _handedOver)
        {
            _frame?.Dispose(); // the wrapper only: the memory lives on in the Mat it was handed to
            _frame = _output == DecoderOutput.Yuv420 ? new Mat(_probe.Height * 3 / 2, _probe.Width, MatType.CV_8UC1) : new Mat(_probe.Height, _probe.Width, MatType.CV_8UC3);
            _handedOver = false;
        }
        return _frame.AsSpan<byte>();
    }

    public bool Retrieve(Mat bgr)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        var source = _storedPicture ?? _frame; // a stored key-frame picture is I420 whatever the output
        if (!_hasFrame || source is null) return false;
        var target = _probe.Rotation == 0 ? bgr : (_picture ??= new Mat());
        if (_storedPicture is not null || _output == DecoderOutput.Yuv420)
        {
            Cv2.CvtColor(source, target, ColorConversionCodes.YUV2BGR_I420);
        }
        else
        {
            source.AssignTo(target); // no copy: target shares the frame's memory, the next frame is read into new memory
            _handedOver = true;
        }
        if (_probe.Rotation != 0)
            Cv2.Rotate(target, bgr, _probe.Rotation switch { 90 => RotateFlags.Rotate90Clockwise, 180 => RotateFlags.Rotate180, _ => RotateFlags.Rotate90Counterclockwise });
        return true;
    }

    public void Dispose()
    {
        _run?.Dispose();
        _run = null;
        _stored?.Dispose();
        _stored = null;
        _storedPicture = null;
        _pictures?.Dispose();
        _pictures = null;
        _picture?.Dispose();
        _picture = null;
        _frame?.Dispose();
        _frame = null;
    }

    private List<string> Arguments(DecodeSegment segment)
    {
        var arguments = FfmpegRun.Leading(_maxPixels);
        arguments.AddRange(segment.DecoderOptions(_probe.Fps));
        if (_loopFilter != LoopFilterSkip.None) arguments.AddRange(["-skip_loop_filter", _loopFilter == LoopFilterSkip.All ? "all" : "nokey"]);
        arguments.AddRange(["-noautorotate", "-copyts", .. FfmpegProbe.InputOptions, "-i", FfmpegProbe.Url(_path)]);
        arguments.AddRange(["-map", "0:V:0", "-an", "-sn", "-dn", "-filter_threads", "1", "-vf", Filters(segment), "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", PixelFormat, "pipe:1"]);
        return arguments;
    }

    /// <summary>The filter chain: the plan's frames (<see cref="SelectExpression"/>), their timestamps, the conversion.</summary>
    private string Filters(DecodeSegment segment)
    {
        var convert = $"showinfo=checksum=0,{(_output == DecoderOutput.Yuv420 ? "scale=out_range=tv" : "scale=flags=bicubic:in_color_matrix=bt601")},format={PixelFormat}";
        return _plan.EveryFrame ? convert : $"select='{SelectExpression(segment.Skip == FrameSkip.NonKey)}',{convert}";
    }

    private string PixelFormat => _output == DecoderOutput.Yuv420 ? "yuv420p" : "bgr24";

    /// <summary>
    /// A frame is taken when the count of samples due by its index (index + 0.5 &gt;= first + k x interval) rises over the
    /// count due by the frame before it: the frame at or right after each due sample, also across frames left out.
    /// </summary>
    private string SelectExpression(bool keyFramesOnly)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var byTime = _probe.Fps > 0;
        string index = byTime ? $"round((t-{N(_probe.StartSeconds)})*{N(_probe.Fps)})" : "n";
        string previous = byTime ? $"round((prev_t-{N(_probe.StartSeconds)})*{N(_probe.Fps)})" : "(n-1)";
        string Due(string i) => $"floor(({i}+0.5-{N(_plan.First)})/{N(_plan.Interval)})";
        var first = byTime ? "isnan(prev_t)" : "eq(n,0)";
        // of key frames only, the first of a run stands for the samples before it too
        return $"if({first},{(keyFramesOnly ? "1" : $"gte({Due(index)},0)")},gt({Due(index)},{Due(previous)}))";
    }
}
