using AdsRecommender.Core.Media;

namespace AdsRecommender.Core.Faces;

/// <summary>How frames are sampled from a video and which detections count.</summary>
public sealed class FaceSamplingOptions
{
    /// <summary>Frames sampled per second of video.</summary>
    public double FramesPerSecond { get; set; } = 4;
    /// <summary>At most this many frames per video; longer videos are sampled more sparsely, evenly over their length.</summary>
    public int MaxFrames { get; set; } = 120;
    /// <summary>Frames are downscaled so their long side is at most this before detection (alignment uses the full frame).</summary>
    public int MaxDetectSide { get; set; } = 640;
    /// <summary>Videos with more pixels per frame than this are refused (<see cref="VideoDecodeException"/>).</summary>
    public long MaxSourcePixels { get; set; } = 4096L * 4096L;
    /// <summary>Stop reading after this many seconds of video.</summary>
    public double MaxSeconds { get; set; } = 600;

    /// <summary>
    /// A sampled frame whose 64x36 grey thumbnail differs from the last detected frame by less than this mean absolute
    /// difference (grey levels) is a still: its detections are reused instead of running the detector. 0 = always detect.
    /// </summary>
    public double StillFrameDifference { get; set; } = 1.5;

    /// <summary>Shorter box side (pixels at the coarse size) every face of the coarse tracking pass (<see cref="TrackingDetectSide"/>) needs; a smaller one sends the frame to the full size.</summary>
    public int CoarseMinFaceSize { get; set; } = 40;
    /// <summary>
    /// With <see cref="TrackingDetectSide"/>, at least every n-th sampled frame is detected at the full size, to find faces
    /// too small for the coarse pass. 0 = never forced. 8 since issue #25 (4 before; the same validation figures,
    /// docs/PERFORMANCE.md, "The networks' share").
    /// </summary>
    public int FullDetectEvery { get; set; } = 8;

    /// <summary>
    /// Long side of the coarse YuNet pass used only to follow faces between the observations that get embedded (0 = off:
    /// every detected frame runs at <see cref="MaxDetectSide"/>). A frame runs at the full size when a followed face is due
    /// for an embedding (every <see cref="EmbedStride"/>-th observation), when the coarse pass finds a face it cannot link
    /// to a followed one or a small face (&lt; <see cref="CoarseMinFaceSize"/>), and at least every
    /// <see cref="FullDetectEvery"/>-th sampled frame (a sweep for faces too small for the coarse pass, also on still
    /// frames). A coarse-pass face the tracker does want embedded (a disputed stretch, the end of a track) is re-detected at
    /// the full size from the kept frame, so the embedded observations and their landmarks are the same as with 0.
    /// </summary>
    public int TrackingDetectSide { get; set; } = 320;

    /// <summary>Faces smaller than this (shorter box side, pixels at the detection scale) are ignored.</summary>
    public int MinFaceSize { get; set; } = 20;
    /// <summary>Detections scoring lower than this are ignored.</summary>
    public float MinScore { get; set; } = 0.6f;
    /// <summary>At most this many faces per frame (the largest) are kept.</summary>
    public int MaxFacesPerFrame { get; set; } = 8;
    /// <summary>A person must be seen in at least this many sampled frames (or in every frame when fewer were sampled).</summary>
    public int MinTrackFrames { get; set; } = 2;
    /// <summary>At most this many people are reported per video (the most prominent).</summary>
    public int MaxPeople { get; set; } = 10;

    /// <summary>Box overlap (IoU) linking a detection to a track seen in the previous samples.</summary>
    public double TrackIou { get; set; } = 0.3;
    /// <summary>Cosine similarity two embedded observations of an overlap-linked tracklet need to stay one tracklet (a hard cut to another person at the same place splits it).</summary>
    public float TrackLinkCosine { get; set; } = Thresholds.TrackLinkCosine;
    /// <summary>Cosine similarity for two tracklets never seen together to merge into one person; null = <see cref="Thresholds.SameVideoCosine"/>.</summary>
    public float? ReappearCosine { get; set; }
    /// <summary>
    /// Of a face followed by box overlap, every n-th observation is embedded (plus the first and last; more where they
    /// disagree; 1 = embed every face) and, with <see cref="TrackingDetectSide"/>, detected at the full size. With
    /// <see cref="EmbedBest"/> (the default) it bounds how many are embedded and paces the full-size detections. 8 since
    /// issue #25 (3 before, with <see cref="EmbedBest"/> off).
    /// </summary>
    public int EmbedStride { get; set; } = 8;
    /// <summary>
    /// Best few instead of every n-th: of each tracklet only the first and last observation (to see a cut) and up to this
    /// many best ones between them (by the analyzer's quality rank: full-size detections first, then detection score x
    /// frontality squared x sharpness x face height; never more than <see cref="EmbedStride"/> would embed) are embedded,
    /// and the person's vector is the mean of the best this many of those. <see cref="EmbedStride"/> then only paces the
    /// full-size detections of a followed face (<see cref="TrackingDetectSide"/>). 0 = every <see cref="EmbedStride"/>-th
    /// (docs/PERFORMANCE.md, "The networks' share"; 3 since issue #25).
    /// </summary>
    public int EmbedBest { get; set; } = 3;
    /// <summary>Samples a track may be missing and still be linked by overlap.</summary>
    public int MaxGap { get; set; } = 2;

    /// <summary>
    /// Cast evidence (docs/CALIBRATION.md, "Cast, not background"; constants from the calibration split): a face other than the video's most prominent one is a
    /// cast member, stored and grouped, only when its mean height is at least this share of the main face's ...
    /// </summary>
    public double CastMinSizeRatio { get; set; } = 0.40;
    /// <summary>... its mean detection score is at least this ...</summary>
    public float CastMinScore { get; set; } = 0.91f;
    /// <summary>... the sharpness of its best crop (variance of the Laplacian of the aligned grey crop) is at least this share of the main face's ...</summary>
    public double CastMinSharpnessRatio { get; set; } = 0.21;
    /// <summary>... and it is on screen in at least this share of the frames the main face is. Other faces are background: reported, attached to nobody.</summary>
    public double CastMinScreenTimeRatio { get; set; } = 0.5;

    /// <summary>
    /// Cast evidence on its own (docs/CALIBRATION.md, "Cast evidence on its own"; bounds from the calibration split): a face
    /// that fails the relative rule above is still cast when its own mean height is at least this share of the frame
    /// height (0 = this route off) ...
    /// </summary>
    public double CastOwnMinFaceHeight { get; set; } = 0.08;
    /// <summary>... its mean detection score at least this ...</summary>
    public float CastOwnMinScore { get; set; } = 0.906f;
    /// <summary>... the sharpness of its best crop (variance of the Laplacian of the aligned grey crop) at least this ...</summary>
    public double CastOwnMinSharpness { get; set; } = 40;
    /// <summary>... and it is seen in at least this many sampled frames (a shot of about a second at the sampling rate).</summary>
    public int CastOwnMinFrames { get; set; } = 3;

    /// <summary>
    /// A track's embedding is the mean of its embedded observations weighted by detection score x frontality squared
    /// (nose tip centred between the eyes) x standard deviation of the Laplacian of the crop (sharpness), so the sharpest,
    /// most frontal views count most; false: weighted by detection score alone.
    /// </summary>
    public bool QualityWeightedMean { get; set; }

    /// <summary>
    /// While the most prominent face moves (its box centre shifts by at least 0.5 % of the frame width between two
    /// detected samples), frames are sampled at this rate instead of <see cref="FramesPerSecond"/>; 0 = off.
    /// </summary>
    public double MotionFramesPerSecond { get; set; }

    /// <summary>
    /// Which FFmpeg decodes: <see cref="FrameDecoder.Ffmpeg"/> (the system's <c>ffmpeg</c> program, with SIMD; the default) or
    /// <see cref="FrameDecoder.OpenCv"/> (the one inside OpenCvSharp, built without SIMD; nothing to install). Both give the
    /// same frames (H.264 decoding is bit-exact; the BGR conversion may differ by a grey level).
    /// </summary>
    public FrameDecoder Decoder { get; set; } = FrameDecoder.Ffmpeg;

    /// <summary>
    /// Frames the decoder leaves out altogether (FFmpeg's <c>skip_frame</c>; <see cref="FrameDecoder.Ffmpeg"/> only):
    /// <see cref="FrameSkip.None"/> decodes every frame; the others sample the next decoded frame instead. Unset: the
    /// decoder's default, <see cref="EffectiveDecoderSkip"/>.
    /// </summary>
    public FrameSkip? DecoderSkip { get; set; }

    /// <summary>
    /// What the decoder skips: <see cref="DecoderSkip"/> when set, else <see cref="FrameSkip.NonReference"/> with the ffmpeg
    /// decoder (the same scores on the validation split with about half the frames of edited HD ads decoded:
    /// docs/PERFORMANCE.md, "Decoding only reference frames") and <see cref="FrameSkip.None"/> with OpenCV's.
    /// </summary>
    public FrameSkip EffectiveDecoderSkip => DecoderSkip ?? (Decoder == FrameDecoder.Ffmpeg ? FrameSkip.NonReference : FrameSkip.None);

    /// <summary>
    /// With the ffmpeg decoder and <see cref="FrameSkip.NonReference"/> (the default): a video whose key frames are at most
    /// this many seconds apart, from its start to its end, has only its key frames decoded and sampled, except where the
    /// picture changes between two key frames (<see cref="KeyFrameChangeDifference"/>): that stretch is decoded and sampled
    /// as usual. 0 = never (docs/PERFORMANCE.md, "Key frames where they are dense").
    /// </summary>
    public double KeyFrameMaxGapSeconds { get; set; } = 1.0;

    /// <summary>Mean absolute difference (grey levels) of two key frames' 64x36 grey thumbnails from which the stretch between them is decoded in full.</summary>
    public double KeyFrameChangeDifference { get; set; } = 6;

    /// <summary>Megabytes of key-frame pictures a dense video may hold so its key frames are decoded once (0 = decode them again; same samples either way).</summary>
    public int KeyFramePictureMegabytes { get; set; } = 64;

    /// <summary>
    /// How the ffmpeg decoder hands sampled frames over (<see cref="Media.DecoderOutput"/>): YUV 4:2:0 converted by OpenCV
    /// (the same validation scores as swscale's BGR, with less decoding CPU: docs/PERFORMANCE.md, "Decoding cheaper") or <see cref="DecoderOutput.Bgr24"/>.
    /// </summary>
    public DecoderOutput DecoderOutput { get; set; } = DecoderOutput.Yuv420;

    /// <summary>Frames the ffmpeg decoder does not deblock (<see cref="LoopFilterSkip"/>; FFmpeg's <c>skip_loop_filter</c>): none by default, since skipping lost validation pairs (docs/PERFORMANCE.md, "Decoding cheaper").</summary>
    public LoopFilterSkip DecoderSkipLoopFilter { get; set; } = LoopFilterSkip.None;

    /// <summary>
    /// Who reads a video's index for the ffmpeg decoder (<see cref="Media.IndexReader"/>): MP4/MOV files in this process, to
    /// the record ffprobe gives (docs/PERFORMANCE.md, "The index read in this process"), others by ffprobe; or <see cref="IndexReader.Ffprobe"/> for every file.
    /// </summary>
    public IndexReader IndexReader { get; set; } = IndexReader.InProcess;

    /// <summary>
    /// Frames shrunk for detection with OpenCV's area resize at every ratio (the behaviour before session 10, slower at
    /// ratios that are not whole numbers); false: <see cref="Downscaler"/>'s bilinear enlargement then a whole-ratio block average.
    /// </summary>
    public bool ExactAreaDownscale { get; set; }

    /// <summary>The settings of these options that choose and prepare the frames (for <see cref="FrameSampler"/>).</summary>
    public FrameSamplingSettings ToFrameSampling() =>
        new(FramesPerSecond, MaxFrames, MaxDetectSide, MaxSourcePixels, MaxSeconds, MotionFramesPerSecond, Decoder, ExactAreaDownscale, EffectiveDecoderSkip,
            new KeyFrameDecoding(KeyFrameMaxGapSeconds, KeyFrameChangeDifference, KeyFramePictureMegabytes), DecoderOutput, DecoderSkipLoopFilter, IndexReader);

    /// <summary>A copy (the analyzer keeps its own).</summary>
    public FaceSamplingOptions Copy() => (FaceSamplingOptions)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object value, string rule)
        {
            if (!ok) throw new ArgumentException($"FaceSamplingOptions.{name} = {value} is invalid: {rule}.");
        }
        Check(FramesPerSecond is > 0 and <= 60, nameof(FramesPerSecond), FramesPerSecond, "must be in (0, 60]");
        Check(MaxFrames is >= 1 and <= 10_000, nameof(MaxFrames), MaxFrames, "must be 1..10000");
        Check(MaxDetectSide is >= 64 and <= 4096, nameof(MaxDetectSide), MaxDetectSide, "must be 64..4096");
        Check(MaxSourcePixels >= 64 * 64, nameof(MaxSourcePixels), MaxSourcePixels, "must be at least 4096");
        Check(MaxSeconds > 0, nameof(MaxSeconds), MaxSeconds, "must be positive");
        Check(StillFrameDifference >= 0, nameof(StillFrameDifference), StillFrameDifference, "must be 0 or more");
        Check(TrackingDetectSide is 0 or (>= 64 and <= 4096), nameof(TrackingDetectSide), TrackingDetectSide, "must be 0 or 64..4096");
        Check(CoarseMinFaceSize >= 1, nameof(CoarseMinFaceSize), CoarseMinFaceSize, "must be at least 1");
        Check(FullDetectEvery >= 0, nameof(FullDetectEvery), FullDetectEvery, "must be 0 or more");
        Check(MinFaceSize >= 1, nameof(MinFaceSize), MinFaceSize, "must be at least 1");
        Check(MinScore is >= 0 and <= 1, nameof(MinScore), MinScore, "must be in [0, 1]");
        Check(MaxFacesPerFrame >= 1, nameof(MaxFacesPerFrame), MaxFacesPerFrame, "must be at least 1");
        Check(MinTrackFrames >= 1, nameof(MinTrackFrames), MinTrackFrames, "must be at least 1");
        Check(MaxPeople >= 1, nameof(MaxPeople), MaxPeople, "must be at least 1");
        Check(TrackIou is > 0 and <= 1, nameof(TrackIou), TrackIou, "must be in (0, 1]");
        Check(TrackLinkCosine is >= -1 and <= 1, nameof(TrackLinkCosine), TrackLinkCosine, "must be in [-1, 1]");
        Check(ReappearCosine is null or (>= -1 and <= 1), nameof(ReappearCosine), ReappearCosine!, "must be in [-1, 1]");
        Check(EmbedStride >= 1, nameof(EmbedStride), EmbedStride, "must be at least 1");
        Check(EmbedBest is >= 0 and <= 100, nameof(EmbedBest), EmbedBest, "must be 0..100");
        Check(CastMinSizeRatio is >= 0 and <= 1, nameof(CastMinSizeRatio), CastMinSizeRatio, "must be in [0, 1]");
        Check(CastMinScore is >= 0 and <= 1, nameof(CastMinScore), CastMinScore, "must be in [0, 1]");
        Check(CastMinSharpnessRatio >= 0, nameof(CastMinSharpnessRatio), CastMinSharpnessRatio, "must be 0 or more");
        Check(CastMinScreenTimeRatio is >= 0 and <= 1, nameof(CastMinScreenTimeRatio), CastMinScreenTimeRatio, "must be in [0, 1]");
        Check(CastOwnMinFaceHeight is >= 0 and <= 1, nameof(CastOwnMinFaceHeight), CastOwnMinFaceHeight, "must be in [0, 1]");
        Check(CastOwnMinScore is >= 0 and <= 1, nameof(CastOwnMinScore), CastOwnMinScore, "must be in [0, 1]");
        Check(CastOwnMinSharpness >= 0, nameof(CastOwnMinSharpness), CastOwnMinSharpness, "must be 0 or more");
        Check(CastOwnMinFrames >= 1, nameof(CastOwnMinFrames), CastOwnMinFrames, "must be at least 1");
        Check(MotionFramesPerSecond is >= 0 and <= 60, nameof(MotionFramesPerSecond), MotionFramesPerSecond, "must be in [0, 60]");
        Check(Enum.IsDefined(Decoder), nameof(Decoder), Decoder, "must be Ffmpeg or OpenCv");
        Check(DecoderSkip is not { } skip || (Enum.IsDefined(skip) && (skip == FrameSkip.None || Decoder == FrameDecoder.Ffmpeg)), nameof(DecoderSkip), EffectiveDecoderSkip,
            "must be None, NonReference or NonKey, and None with the OpenCv decoder");
        Check(Enum.IsDefined(DecoderOutput), nameof(DecoderOutput), DecoderOutput, "must be Bgr24 or Yuv420");
        Check(Enum.IsDefined(IndexReader), nameof(IndexReader), IndexReader, "must be InProcess or Ffprobe");
        Check(Enum.IsDefined(DecoderSkipLoopFilter), nameof(DecoderSkipLoopFilter), DecoderSkipLoopFilter, "must be None, NonKey or All");
        Check(KeyFrameMaxGapSeconds is >= 0 and <= 60, nameof(KeyFrameMaxGapSeconds), KeyFrameMaxGapSeconds, "must be in [0, 60]");
        Check(KeyFrameChangeDifference is >= 0 and <= 255, nameof(KeyFrameChangeDifference), KeyFrameChangeDifference, "must be in [0, 255]");
        Check(KeyFramePictureMegabytes is >= 0 and <= 4096, nameof(KeyFramePictureMegabytes), KeyFramePictureMegabytes, "must be in [0, 4096]");
        Check(MaxGap >= 1, nameof(MaxGap), MaxGap, "must be at least 1");
    }
}
