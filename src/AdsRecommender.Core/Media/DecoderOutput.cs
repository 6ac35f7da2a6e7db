namespace AdsRecommender.Core.Media;

/// <summary>
/// How the ffmpeg decoder hands a sampled frame over on its pipe (<c>AdsRecommender__Sampling__DecoderOutput</c>;
/// docs/PERFORMANCE.md, "Decoding cheaper").
/// </summary>
public enum DecoderOutput
{
    /// <summary>BGR, converted by ffmpeg's swscale as OpenCV's own decoder converts (bicubic, BT.601): 3 bytes a pixel.</summary>
    Bgr24,

    /// <summary>
    /// Planar YUV 4:2:0 (1.5 bytes a pixel), converted to BGR in this process by OpenCV (<c>YUV2BGR_I420</c>, BT.601): half
    /// the bytes on the pipe and a cheaper conversion; pixels may differ from <see cref="Bgr24"/> by a few grey levels.
    /// Frames of an odd width or height go as <see cref="Bgr24"/>.
    /// </summary>
    Yuv420,
}
