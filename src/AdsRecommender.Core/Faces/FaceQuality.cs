using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>Measures of how good a view of a face is (cast evidence and the quality-weighted mean).</summary>
internal static class FaceQuality
{
    /// <summary>1 when the nose tip sits midway between the eyes (frontal), falling to 0 as it reaches one eye (profile).</summary>
    public static float Frontality(Point2f[] landmarks)
    {
        var eyes = Math.Abs(landmarks[1].X - landmarks[0].X);
        if (eyes < 1e-3f) return 0.05f;
        var offset = Math.Abs(landmarks[2].X - (landmarks[0].X + landmarks[1].X) / 2);
        return Math.Clamp(1 - 2 * offset / eyes, 0.05f, 1f); // a floor, so a track of profiles still has a mean
    }

    /// <summary>Variance of the Laplacian of the grey crop.</summary>
    public static double Sharpness(Mat crop)
    {
        using var grey = new Mat();
        Cv2.CvtColor(crop, grey, ColorConversionCodes.BGR2GRAY);
        using var lap = new Mat();
        Cv2.Laplacian(grey, lap, MatType.CV_64F);
        Cv2.MeanStdDev(lap, out _, out var std);
        return std.Val0 * std.Val0;
    }
}
