using OpenCvSharp;

namespace AdsRecommender.Core.Media;

/// <summary>
/// Shrinks frames for detection. OpenCV's area resize is fast only at a whole-number ratio (1280x720 to 640x360: 0.45 ms);
/// at any other ratio it takes its generic path, 5-13 ms a frame here (844x614 to 640x466: 6.1 ms; a 1080x1080 square ad
/// to 640x640: 11.6 ms; docs/PERFORMANCE.md), on every sampled frame. So at other ratios the frame is first
/// resized bilinearly to the next whole multiple k of the target (a slight enlargement, no aliasing) and then averaged
/// exactly over k x k blocks: 2.9 and 5.6 ms for the two examples, within a quarter of a grey level of the area resize
/// on average.
/// </summary>
public static class Downscaler
{
    /// <summary>
    /// <paramref name="source"/> shrunk to <paramref name="size"/> into <paramref name="target"/>; <paramref name="exactArea"/>
    /// keeps OpenCV's area resize at every ratio (the behaviour before, slower).
    /// </summary>
    public static void Shrink(Mat source, Mat target, Size size, bool exactArea = false)
    {
        var k = Math.Max(WholeRatio(source.Width, size.Width), WholeRatio(source.Height, size.Height));
        if (exactArea || k <= 1 || (source.Width == k * size.Width && source.Height == k * size.Height))
        {
            Cv2.Resize(source, target, size, 0, 0, InterpolationFlags.Area);
            return;
        }
        using var enlarged = new Mat();
        Cv2.Resize(source, enlarged, new Size(k * size.Width, k * size.Height), 0, 0, InterpolationFlags.Linear);
        Cv2.Resize(enlarged, target, size, 0, 0, InterpolationFlags.Area); // whole ratio: OpenCV's fast block average
    }

    /// <summary><paramref name="source"/>'s size scaled so its long side is <paramref name="longSide"/> (each side rounded, at least 1).</summary>
    public static Size FitLongSide(Size source, int longSide)
    {
        var scale = (double)longSide / Math.Max(source.Width, source.Height);
        return new Size(Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)));
    }

    /// <summary>The smallest whole k with k x <paramref name="to"/> at least <paramref name="from"/>.</summary>
    private static int WholeRatio(int from, int to) => to <= 0 ? 1 : (from + to - 1) / to;
}
