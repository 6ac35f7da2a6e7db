using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>A detected face: box, the 5 landmarks (eye, eye, nose, mouth corner, mouth corner, image-left first) and score, in the detector image's pixels.</summary>
public sealed record FaceDetection(Rect2f Box, Point2f[] Landmarks, float Score)
{
    /// <summary>The same detection with coordinates multiplied by <paramref name="factor"/>.</summary>
    public FaceDetection Scaled(double factor)
    {
        var f = (float)factor;
        return new(new Rect2f(Box.X * f, Box.Y * f, Box.Width * f, Box.Height * f),
            Array.ConvertAll(Landmarks, p => new Point2f(p.X * f, p.Y * f)), Score);
    }
}
