using OpenCvSharp;

namespace AdsRecommender.Core.Faces.Calibration;

/// <summary>Embeds the largest confident face of a photo (long side scaled to 640 px for detection) with the production detector, aligner and embedder.</summary>
public sealed class PhotoFaces(IFaceDetector detector, IFaceEmbedder embedder)
{
    public const int DetectSide = 640;

    /// <summary>The largest confident face's embedding, or null when the photo shows none.</summary>
    public float[]? Embed(string photoPath)
    {
        using var crop = AlignedLargestFace(photoPath);
        return crop is null ? null : embedder.Embed([crop])[0];
    }

    public (FaceDetection Face, Size ImageSize)? LargestFace(string photoPath, ImreadModes mode = ImreadModes.Color)
    {
        using var image = Cv2.ImRead(photoPath, mode);
        var found = Detect(image, out var scale);
        return found is null ? null : (found.Scaled(1 / scale), image.Size());
    }

    public Mat? AlignedLargestFace(string photoPath)
    {
        using var image = Cv2.ImRead(photoPath, ImreadModes.Color);
        var found = Detect(image, out var scale);
        return found is null ? null : embedder.Align(image, found.Scaled(1 / scale).Landmarks);
    }

    private FaceDetection? Detect(Mat image, out double scale)
    {
        scale = Math.Min(1.0, (double)DetectSide / Math.Max(image.Width, image.Height));
        using var small = new Mat();
        if (scale < 1) Cv2.Resize(image, small, new Size((int)Math.Round(image.Width * scale), (int)Math.Round(image.Height * scale)), 0, 0, InterpolationFlags.Area);
        var src = scale < 1 ? small : image;
        if (scale < 1) scale = (double)small.Width / image.Width;
        return detector.Detect(src).Where(f => f.Score >= 0.6f).MaxBy(f => f.Box.Width * f.Box.Height);
    }
}
