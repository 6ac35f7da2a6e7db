namespace AdsRecommender.Core.Media;

/// <summary>
/// Frames whose deblocking (the in-loop filter) the ffmpeg decoder leaves out (FFmpeg's <c>skip_loop_filter</c>;
/// <c>AdsRecommender__Sampling__DecoderSkipLoopFilter</c>). Cheaper decoding, blockier pictures, and since reference frames
/// are then predicted from unfiltered pictures, the error grows until the next key frame (docs/PERFORMANCE.md, "Decoding cheaper").
/// </summary>
public enum LoopFilterSkip
{
    /// <summary>Every frame deblocked, as the encoder intended.</summary>
    None,

    /// <summary>Only key frames deblocked (<c>nokey</c>).</summary>
    NonKey,

    /// <summary>No frame deblocked (<c>all</c>).</summary>
    All,
}
