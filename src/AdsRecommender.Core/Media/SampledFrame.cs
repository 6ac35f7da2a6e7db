using OpenCvSharp;

namespace AdsRecommender.Core.Media;

/// <summary>
/// One sampled frame: <see cref="Full"/> at the source resolution (BGR) and <see cref="Detect"/> downscaled for detection
/// (the same Mat when no downscale was needed). <see cref="DetectScale"/> = detect size / full size. Owns both Mats.
/// </summary>
public sealed class SampledFrame(int ordinal, int frameIndex, double seconds, Mat full, Mat detect, double detectScale, double decodeMs) : IDisposable
{
    /// <summary>0-based position among the sampled frames.</summary>
    public int Ordinal { get; } = ordinal;
    /// <summary>0-based index of the frame in the video.</summary>
    public int FrameIndex { get; } = frameIndex;
    public double Seconds { get; } = seconds;
    public Mat Full { get; } = full;
    public Mat Detect { get; } = detect;
    public double DetectScale { get; } = detectScale;
    /// <summary>Time spent decoding (grab + retrieve) and downscaling to produce this frame, including skipped frames before it.</summary>
    public double DecodeMs { get; } = decodeMs;

    public void Dispose()
    {
        if (!ReferenceEquals(Detect, Full)) Detect.Dispose();
        Full.Dispose();
    }
}
