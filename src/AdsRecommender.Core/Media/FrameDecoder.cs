namespace AdsRecommender.Core.Media;

/// <summary>Which FFmpeg decodes the videos (<c>AdsRecommender__Sampling__Decoder</c>).</summary>
public enum FrameDecoder
{
    /// <summary>
    /// The system's FFmpeg 5.1 libraries (Debian 12: libavformat59, libavcodec59, libavutil57, libswscale6; in the
    /// Dockerfile's NATIVE_PACKAGES): built with SIMD, about half the decoding CPU of <see cref="OpenCv"/>.
    /// </summary>
    LibAv,

    /// <summary>The FFmpeg inside OpenCvSharp's native library: nothing to install, but built without SIMD.</summary>
    OpenCv,
}
