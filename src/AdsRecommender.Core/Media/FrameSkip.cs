namespace AdsRecommender.Core.Media;

/// <summary>
/// Frames the decoder leaves out altogether (FFmpeg's <c>skip_frame</c>; <c>AdsRecommender__Sampling__DecoderSkip</c>). A
/// sample due on a left-out frame is taken from the next decoded one, so anything but <see cref="None"/> changes which frames are sampled.
/// </summary>
public enum FrameSkip
{
    /// <summary>Every frame is decoded; samples fall exactly where the sampling rate puts them (OpenCV's decoder: always).</summary>
    None,

    /// <summary>Frames no other frame refers to (H.264's non-reference frames, most B-frames) are not decoded (the ffmpeg decoder's default).</summary>
    NonReference,

    /// <summary>Only keyframes are decoded: the least decoding, samples only as often as the video has keyframes.</summary>
    NonKey,
}
