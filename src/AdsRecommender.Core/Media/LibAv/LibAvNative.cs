using System.Runtime.InteropServices;

namespace AdsRecommender.Core.Media.LibAv;

/// <summary>
/// The few FFmpeg 5.1 calls <see cref="LibAvVideo"/> needs, bound to the system's shared libraries (Debian 12:
/// libavformat59, libavcodec59, libavutil57, libswscale6). Why not OpenCV's own FFmpeg: the one inside
/// OpenCvSharp4.official.runtime.linux-x64 4.13.0.20260627 is configured with <c>--disable-asm</c> (its configure line is
/// in the library's strings), so H.264 is decoded without SIMD at 1.6-2x the CPU of Debian's build (docs/PERFORMANCE.md).
/// Options are set through AVOptions (by name); the struct fields read directly are the ones listed in
/// <see cref="Offsets"/>, checked against the FFmpeg 5.1 headers and guarded by the exact major versions.
/// </summary>
internal static class LibAvNative
{
    public const string Format = "libavformat.so.59";
    public const string Codec = "libavcodec.so.59";
    public const string Util = "libavutil.so.57";
    public const string Scale = "libswscale.so.6";

    /// <summary>The major versions whose ABI <see cref="Offsets"/> was taken from (FFmpeg 5.1).</summary>
    public const int FormatMajor = 59, CodecMajor = 59, UtilMajor = 57, ScaleMajor = 6;

    public const int MediaTypeVideo = 0;
    public const int PixelFormatBgr24 = 3;
    public const int SwsBicubic = 4;
    public const int PacketSideDataDisplayMatrix = 5;
    public const int ErrorEof = -541478725; // AVERROR_EOF, FFERRTAG('E','O','F',' ')
    public const int ErrorAgain = -11; // AVERROR(EAGAIN)
    public const int LogQuiet = -8;
    public const long NoTimestamp = long.MinValue; // AV_NOPTS_VALUE
    public const int DiscardDefault = 0, DiscardNonReference = 8; // AVDISCARD_DEFAULT, AVDISCARD_NONREF

    /// <summary>Byte offsets of the fields read from FFmpeg 5.1's structs (offsetof, x86-64).</summary>
    public static class Offsets
    {
        public const int FormatNbStreams = 44, FormatStreams = 48; // AVFormatContext
        public const int StreamTimeBase = 16, StreamDuration = 32, StreamNbFrames = 40, StreamAvgFrameRate = 72, StreamRFrameRate = 200, StreamCodecpar = 208; // AVStream
        public const int ParWidth = 56, ParHeight = 60; // AVCodecParameters
        public const int FrameData = 0, FrameLinesize = 64, FrameWidth = 104, FrameHeight = 108, FrameFormat = 116; // AVFrame
        public const int PacketStreamIndex = 36; // AVPacket
        public const int FormatDuration = 72; // AVFormatContext.duration (microseconds)
        public const int StreamStartTime = 24, PacketPts = 8, FrameBestEffortTimestamp = 344;
    }

    [DllImport(Format)] public static extern uint avformat_version();
    [DllImport(Codec)] public static extern uint avcodec_version();
    [DllImport(Util)] public static extern uint avutil_version();
    [DllImport(Scale)] public static extern uint swscale_version();

    [DllImport(Format, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern int avformat_open_input(ref IntPtr context, string url, IntPtr format, ref IntPtr options);
    [DllImport(Format)] public static extern int avformat_find_stream_info(IntPtr context, IntPtr options);
    [DllImport(Format)] public static extern int av_find_best_stream(IntPtr context, int type, int wanted, int related, out IntPtr decoder, int flags);
    [DllImport(Format)] public static extern int av_read_frame(IntPtr context, IntPtr packet);
    [DllImport(Format)] public static extern void avformat_close_input(ref IntPtr context);
    [DllImport(Format)] public static extern IntPtr av_stream_get_side_data(IntPtr stream, int type, out nuint size);

    [DllImport(Codec)] public static extern IntPtr avcodec_alloc_context3(IntPtr codec);
    [DllImport(Codec)] public static extern int avcodec_parameters_to_context(IntPtr context, IntPtr parameters);
    [DllImport(Codec)] public static extern int avcodec_open2(IntPtr context, IntPtr codec, IntPtr options);
    [DllImport(Codec)] public static extern int avcodec_send_packet(IntPtr context, IntPtr packet);
    [DllImport(Codec)] public static extern int avcodec_receive_frame(IntPtr context, IntPtr frame);
    [DllImport(Codec)] public static extern void avcodec_free_context(ref IntPtr context);
    [DllImport(Codec)] public static extern IntPtr av_packet_alloc();
    [DllImport(Codec)] public static extern void av_packet_unref(IntPtr packet);
    [DllImport(Codec)] public static extern void av_packet_free(ref IntPtr packet);

    [DllImport(Util)] public static extern IntPtr av_frame_alloc();
    [DllImport(Util)] public static extern void av_frame_free(ref IntPtr frame);
    [DllImport(Util, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern int av_dict_set(ref IntPtr dictionary, string key, string value, int flags);
    [DllImport(Util)] public static extern void av_dict_free(ref IntPtr dictionary);
    [DllImport(Util, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern int av_opt_set_int(IntPtr target, string name, long value, int searchFlags);
    [DllImport(Util)] public static extern double av_display_rotation_get(IntPtr matrix);
    [DllImport(Util)] public static extern int av_strerror(int error, byte[] buffer, nuint size);
    [DllImport(Util)] public static extern void av_log_set_level(int level);

    [DllImport(Scale)]
    public static extern IntPtr sws_getCachedContext(IntPtr context, int srcW, int srcH, int srcFormat, int dstW, int dstH, int dstFormat,
        int flags, IntPtr srcFilter, IntPtr dstFilter, IntPtr param);
    [DllImport(Scale)]
    public static extern int sws_scale(IntPtr context, IntPtr srcSlice, IntPtr srcStride, int srcSliceY, int srcSliceH, IntPtr[] dst, int[] dstStride);
    [DllImport(Scale)] public static extern void sws_freeContext(IntPtr context);

    /// <summary>FFmpeg's text for an error code.</summary>
    public static string Describe(int error)
    {
        var buffer = new byte[256];
        if (av_strerror(error, buffer, (nuint)buffer.Length) < 0) return $"error {error}";
        var end = Array.IndexOf(buffer, (byte)0);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
