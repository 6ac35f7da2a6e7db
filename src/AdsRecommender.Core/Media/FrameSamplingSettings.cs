namespace AdsRecommender.Core.Media;

/// <summary>
/// Which frames <see cref="FrameSampler"/> takes and how it prepares them: <paramref name="FramesPerSecond"/> samples per
/// second of video, at most <paramref name="MaxFrames"/> per video (longer videos are sampled more sparsely), the long side
/// downscaled to at most <paramref name="MaxDetectSide"/> for detection, frames of more than <paramref name="MaxSourcePixels"/>
/// refused, reading stopped after <paramref name="MaxSeconds"/>; <paramref name="MotionFramesPerSecond"/> (0 = off) is the
/// rate while the caller reports motion; <paramref name="Decoder"/> decodes, leaving out the frames <paramref name="Skip"/> names
/// (and, where <paramref name="KeyFrames"/> allows, every frame but the key frames of an unchanged picture), deblocking
/// the frames <paramref name="LoopFilter"/> does not name and handing sampled frames over as <paramref name="Output"/>;
/// <paramref name="IndexReader"/> reads each video's index.
/// </summary>
public sealed record FrameSamplingSettings(double FramesPerSecond, int MaxFrames, int MaxDetectSide, long MaxSourcePixels, double MaxSeconds,
    double MotionFramesPerSecond, FrameDecoder Decoder = FrameDecoder.Ffmpeg, bool ExactAreaDownscale = false,
    FrameSkip Skip = FrameSkip.None, KeyFrameDecoding? KeyFrames = null, DecoderOutput Output = DecoderOutput.Bgr24,
    LoopFilterSkip LoopFilter = LoopFilterSkip.None, IndexReader IndexReader = IndexReader.InProcess);
