using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// Aligns a face to a landmark template (the recogniser's, e.g. <see cref="OnnxFaceEmbedder.ArcFaceTemplate112"/>):
/// least-squares similarity transform (Umeyama, no reflection) from the detected landmarks to the template, then an
/// affine warp to a square crop.
/// </summary>
public static class FaceAligner
{
    /// <summary>
    /// The 2x3 similarity transform [a -b tx; b a ty] minimising the squared distance from transformed <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    public static double[,] EstimateSimilarity(IReadOnlyList<Point2f> from, IReadOnlyList<Point2f> to)
    {
        if (from.Count != to.Count || from.Count < 2) throw new ArgumentException("Need the same number (>= 2) of points.");
        int n = from.Count;
        double mx = 0, my = 0, ux = 0, uy = 0;
        for (var i = 0; i < n; i++) { mx += from[i].X; my += from[i].Y; ux += to[i].X; uy += to[i].Y; }
        mx /= n; my /= n; ux /= n; uy /= n;
        double sxx = 0, num_a = 0, num_b = 0;
        for (var i = 0; i < n; i++)
        {
            double x = from[i].X - mx, y = from[i].Y - my, u = to[i].X - ux, v = to[i].Y - uy;
            sxx += x * x + y * y;
            num_a += x * u + y * v;
            num_b += x * v - y * u;
        }
        if (sxx < 1e-9) throw new ArgumentException("Landmarks are degenerate (all at one point).");
        double a = num_a / sxx, b = num_b / sxx;
        double tx = ux - (a * mx - b * my), ty = uy - (b * mx + a * my);
        return new double[,] { { a, -b, tx }, { b, a, ty } };
    }

    /// <summary>
    /// Warps the face with <paramref name="landmarks"/> (in <paramref name="image"/> pixels) to a <paramref name="size"/>-pixel
    /// square crop with the landmarks on <paramref name="template"/> (crop pixels).
    /// </summary>
    public static Mat Align(Mat image, IReadOnlyList<Point2f> landmarks, IReadOnlyList<Point2f> template, int size)
    {
        var m = EstimateSimilarity(landmarks, template);
        using var transform = Mat.FromArray(m);
        var aligned = new Mat();
        Cv2.WarpAffine(image, aligned, transform, new Size(size, size), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        return aligned;
    }
}
