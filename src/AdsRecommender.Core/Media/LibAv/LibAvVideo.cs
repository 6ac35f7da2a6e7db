using System.Runtime.InteropServices;
using OpenCvSharp;
using static AdsRecommender.Core.Media.LibAv.LibAvNative;

namespace AdsRecommender.Core.Media.LibAv;

/// <summary>
/// One video decoded with the system's FFmpeg libraries (<see cref="LibAvNative"/>): one decoder thread (videos run in
/// parallel instead), only local files of the containers <see cref="VideoSniffer"/> accepts, frames larger than the
/// sampler's pixel limit refused by the decoder itself. Frames are converted to BGR only when retrieved, and turned
/// upright by the stream's display matrix as OpenCV does.
/// </summary>
internal sealed class LibAvVideo : IVideoFrames
{
    // FFmpeg's demuxer names for the containers VideoSniffer lets through; no playlists, no concat scripts, no images.
    private const string Containers = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,flv,mpeg,asf,mpegts";
    private const int MaxDecodeErrors = 64; // as OpenCV's OPENCV_FFMPEG_DECODE_ATTEMPTS: a damaged stretch is skipped, not fatal

    private IntPtr _format, _codec, _packet, _frame, _scaler;
    private Mat? _converted; // the padded conversion buffer, reused for every retrieved frame
    private readonly int _streamIndex;
    private readonly int _rotation;
    private bool _draining, _ended, _skipping;
    private int _errors;
    private long _count, _skipBefore = -1;
    private readonly double _timeBase;
    private readonly long _start;

    private LibAvVideo(string path, long maxPixels)
    {
        LibAvRuntime.EnsureLoaded();
        var options = IntPtr.Zero;
        av_dict_set(ref options, "protocol_whitelist", "file", 0);
        av_dict_set(ref options, "format_whitelist", Containers, 0);
        var error = avformat_open_input(ref _format, path, IntPtr.Zero, ref options);
        av_dict_free(ref options);
        if (error < 0) throw new VideoDecodeException($"not a decodable video ({Describe(error)}; the container could not be opened, the file may be truncated or not a video)");
        try
        {
            error = avformat_find_stream_info(_format, IntPtr.Zero);
            if (error < 0) throw new VideoDecodeException($"not a decodable video (no stream information: {Describe(error)})");
            _streamIndex = av_find_best_stream(_format, MediaTypeVideo, -1, -1, out var decoder, 0);
            if (_streamIndex < 0) throw new VideoDecodeException("no video stream in the file");
            if (decoder == IntPtr.Zero) throw new VideoDecodeException("no decoder for the video's codec");
            var stream = Marshal.ReadIntPtr(Marshal.ReadIntPtr(_format, Offsets.FormatStreams), _streamIndex * IntPtr.Size);
            var parameters = Marshal.ReadIntPtr(stream, Offsets.StreamCodecpar);
            int width = Marshal.ReadInt32(parameters, Offsets.ParWidth), height = Marshal.ReadInt32(parameters, Offsets.ParHeight);
            if ((long)width * height > maxPixels)
                throw new VideoDecodeException($"resolution {width}x{height} exceeds the limit of {maxPixels} pixels per frame");

            _codec = avcodec_alloc_context3(decoder);
            if (_codec == IntPtr.Zero) throw new OutOfMemoryException("avcodec_alloc_context3");
            Check(avcodec_parameters_to_context(_codec, parameters), "decoder parameters");
            av_opt_set_int(_codec, "threads", 1, 0);
            av_opt_set_int(_codec, "max_pixels", Math.Min(maxPixels, int.MaxValue), 0);
            Check(avcodec_open2(_codec, decoder, IntPtr.Zero), "opening the decoder");
            _packet = av_packet_alloc();
            _frame = av_frame_alloc();
            if (_packet == IntPtr.Zero || _frame == IntPtr.Zero) throw new OutOfMemoryException("av_packet_alloc/av_frame_alloc");

            _rotation = Rotation(stream);
            (Width, Height) = _rotation is 90 or 270 ? (height, width) : (width, height);
            Fps = FrameRate(stream);
            FrameCount = Frames(stream, Fps);
            _timeBase = Marshal.ReadInt32(stream, Offsets.StreamTimeBase + 4) is var den and > 0 ? (double)Marshal.ReadInt32(stream, Offsets.StreamTimeBase) / den : 0;
            _start = Marshal.ReadInt64(stream, Offsets.StreamStartTime);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/>; throws <see cref="VideoDecodeException"/> naming what is wrong with the file.</summary>
    public static LibAvVideo Open(string path, long maxPixels) => new(path, maxPixels);

    public int Width { get; }
    public int Height { get; }
    public double Fps { get; }
    public long FrameCount { get; }
    public long Index { get; private set; } = -1;

    /// <summary>
    /// From here on, packets of frames shown before <paramref name="index"/> are decoded only if other frames refer to them
    /// (H.264's non-reference frames, most B-frames, are left out): those frames are never retrieved, and the frames that
    /// are decoded come out bit for bit as before.
    /// </summary>
    public void SkipUntil(long index) => _skipBefore = index;

    public bool Grab()
    {
        while (!_ended)
        {
            var received = avcodec_receive_frame(_codec, _frame);
            if (received == 0)
            {
                // display order from the timestamp (frames left out by SkipUntil leave gaps), else by count
                Index = DisplayIndex(Marshal.ReadInt64(_frame, Offsets.FrameBestEffortTimestamp)) ?? _count;
                _count = Index + 1;
                return true;
            }
            if (received == ErrorEof) break;
            if (received != ErrorAgain && ++_errors > MaxDecodeErrors) break;
            if (_draining)
            {
                if (received == ErrorAgain) break; // nothing more will come
                continue;
            }
            var read = av_read_frame(_format, _packet);
            if (read < 0)
            {
                // end of file (or a read error): flush the frames the decoder still holds
                _draining = true;
                avcodec_send_packet(_codec, IntPtr.Zero);
                continue;
            }
            if (Marshal.ReadInt32(_packet, Offsets.PacketStreamIndex) == _streamIndex)
            {
                var skip = _skipBefore > 0 && DisplayIndex(Marshal.ReadInt64(_packet, Offsets.PacketPts)) is { } shown && shown < _skipBefore;
                if (skip != _skipping)
                {
                    av_opt_set_int(_codec, "skip_frame", skip ? DiscardNonReference : DiscardDefault, 0);
                    _skipping = skip;
                }
                var sent = avcodec_send_packet(_codec, _packet);
                if (sent < 0 && sent != ErrorAgain && ++_errors > MaxDecodeErrors) _ended = true;
            }
            av_packet_unref(_packet);
        }
        _ended = true;
        return false;
    }

    public bool Retrieve(Mat bgr)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        if (_ended) return false;
        int width = Marshal.ReadInt32(_frame, Offsets.FrameWidth), height = Marshal.ReadInt32(_frame, Offsets.FrameHeight);
        var format = Marshal.ReadInt32(_frame, Offsets.FrameFormat);
        if (width <= 0 || height <= 0 || format < 0) return false;
        // the same conversion OpenCV's backend asks swscale for (bicubic, no resize), so the pixels match its frames
        _scaler = sws_getCachedContext(_scaler, width, height, format, width, height, PixelFormatBgr24, SwsBicubic, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
        if (_scaler == IntPtr.Zero) return false;
        // swscale's SIMD converters write whole blocks of pixels past a row's end (and so past the last row): convert into
        // rows padded to 64 pixels with a spare row, as OpenCV's backend does (av_frame_get_buffer, align 32), then copy out
        var columns = (width + 63) & ~63;
        if (_converted is null || _converted.Rows < height + 1 || _converted.Cols < columns)
        {
            _converted?.Dispose();
            _converted = new Mat(height + 1, columns, MatType.CV_8UC3);
        }
        var rows = sws_scale(_scaler, _frame + Offsets.FrameData, _frame + Offsets.FrameLinesize, 0, height,
            [_converted.Data, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero], [checked((int)_converted.Step()), 0, 0, 0]);
        if (rows != height) return false;
        using var picture = new Mat(_converted, new Rect(0, 0, width, height));
        if (_rotation == 0) picture.CopyTo(bgr);
        else Cv2.Rotate(picture, bgr, _rotation switch { 90 => RotateFlags.Rotate90Clockwise, 180 => RotateFlags.Rotate180, _ => RotateFlags.Rotate90Counterclockwise });
        return true;
    }

    public void Dispose()
    {
        _converted?.Dispose();
        _converted = null;
        if (_frame != IntPtr.Zero) av_frame_free(ref _frame);
        if (_packet != IntPtr.Zero) av_packet_free(ref _packet);
        if (_codec != IntPtr.Zero) avcodec_free_context(ref _codec);
        if (_format != IntPtr.Zero) avformat_close_input(ref _format);
        if (_scaler != IntPtr.Zero)
        {
            sws_freeContext(_scaler);
            _scaler = IntPtr.Zero;
        }
    }

    /// <summary>A timestamp's 0-based frame number in display order, or null without a timestamp or rate.</summary>
    private long? DisplayIndex(long timestamp)
    {
        if (timestamp == NoTimestamp || _timeBase <= 0 || Fps <= 0) return null;
        var start = _start == NoTimestamp ? 0 : _start;
        return (long)Math.Round((timestamp - start) * _timeBase * Fps);
    }

    private static void Check(int error, string what)
    {
        if (error < 0) throw new VideoDecodeException($"not a decodable video ({what}: {Describe(error)})");
    }

    /// <summary>Degrees clockwise the frames must turn to stand as displayed (0, 90, 180, 270), as OpenCV reads the display matrix.</summary>
    private static int Rotation(IntPtr stream)
    {
        var matrix = av_stream_get_side_data(stream, PacketSideDataDisplayMatrix, out var size);
        if (matrix == IntPtr.Zero || size < 36) return 0;
        var degrees = av_display_rotation_get(matrix);
        if (double.IsNaN(degrees)) return 0;
        var angle = -(int)Math.Round(degrees);
        angle = ((angle % 360) + 360) % 360;
        return angle is 90 or 180 or 270 ? angle : 0;
    }

    /// <summary>The average frame rate, else the base rate; 0 when the stream names neither.</summary>
    private static double FrameRate(IntPtr stream)
    {
        static double Rational(IntPtr at) => Marshal.ReadInt32(at, 4) is var den and not 0 ? (double)Marshal.ReadInt32(at) / den : 0;
        var average = Rational(stream + Offsets.StreamAvgFrameRate);
        return average > 0 ? average : Rational(stream + Offsets.StreamRFrameRate);
    }

    /// <summary>The stream's frame count, else its duration times the rate (as OpenCV estimates it); 0 when unknown.</summary>
    private long Frames(IntPtr stream, double fps)
    {
        var frames = Marshal.ReadInt64(stream, Offsets.StreamNbFrames);
        if (frames > 0) return frames;
        var microseconds = Marshal.ReadInt64(_format, Offsets.FormatDuration);
        return microseconds > 0 && fps > 0 ? (long)Math.Floor(microseconds / 1e6 * fps + 0.5) : 0;
    }
}
