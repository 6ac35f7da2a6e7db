using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// Recognises a sampled frame that is nearly the same picture as the last frame run through the detector
/// (a still shot), so its detections can be reused. Compares 64x36 grayscale thumbnails by mean absolute difference,
/// always against the last detected frame (so a slow zoom or pan cannot drift away unnoticed).
/// </summary>
internal sealed class StaticFrameFilter(double threshold) : IDisposable
{
    private static readonly Size ThumbSize = new(64, 36);
    private Mat? _key;

    /// <summary>True if <paramref name="bgr"/> differs from the key frame by less than the threshold (0..255 grey levels); otherwise it becomes the key.</summary>
    public bool SameAsLastDetected(Mat bgr)
    {
        if (threshold <= 0) return false;
        var thumb = new Mat();
        using (var small = Shrink(bgr))
            Cv2.CvtColor(small, thumb, ColorConversionCodes.BGR2GRAY);
        if (_key is not null && Cv2.Norm(thumb, _key, NormTypes.L1) / (ThumbSize.Width * ThumbSize.Height) < threshold)
        {
            thumb.Dispose();
            return true;
        }
        _key?.Dispose();
        _key = thumb;
        return false;
    }

    /// <summary>
    /// <paramref name="bgr"/> averaged down to <see cref="ThumbSize"/>: a bilinear step to 4x the thumbnail, then an exact 4x4
    /// area average. OpenCV's area resize at a non-integer ratio is slow (docs/PERFORMANCE.md); this is far cheaper
    /// and still averages 16 samples per thumbnail pixel, so compression noise does not read as motion.
    /// </summary>
    private static Mat Shrink(Mat bgr)
    {
        var small = new Mat();
        using var mid = new Mat();
        var midSize = new Size(4 * ThumbSize.Width, 4 * ThumbSize.Height);
        if (bgr.Width <= midSize.Width || bgr.Height <= midSize.Height)
        {
            Cv2.Resize(bgr, small, ThumbSize, 0, 0, InterpolationFlags.Area);
            return small;
        }
        Cv2.Resize(bgr, mid, midSize, 0, 0, InterpolationFlags.Linear);
        Cv2.Resize(mid, small, ThumbSize, 0, 0, InterpolationFlags.Area);
        return small;
    }

    public void Dispose() => _key?.Dispose();
}
