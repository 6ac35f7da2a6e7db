namespace AdsRecommender.Core.Media;

/// <summary>Which FFmpeg decodes the videos (<c>AdsRecommender__Sampling__Decoder</c>).</summary>
public enum FrameDecoder
{
    /// <summary>
    /// The system's <c>ffmpeg</c> program on a pipe (any FFmpeg from 5.1 on, built with SIMD; the package list per
    /// distribution release is in deploy/): about half the decoding CPU of <see cref="OpenCv"/> (docs/PERFORMANCE.md).
    /// </summary>
    Ffmpeg,

    /// <summary>The FFmpeg inside OpenCvSharp's native library: nothing to install, but built without SIMD.</summary>
    OpenCv,
}
