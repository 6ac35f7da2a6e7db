using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// Runs YuNet first on a small copy of the frame (long side <see cref="FaceSamplingOptions.CoarseDetectSide"/>; YuNet's
/// cost grows with the pixel count) and keeps that result only when every face it finds is large
/// (<see cref="FaceSamplingOptions.CoarseMinFaceSize"/>). A frame where the small pass finds nothing or a small face, and
/// every <see cref="FaceSamplingOptions.FullDetectEvery"/>-th detection of a video (a sweep for small faces next to large
/// ones), goes through the detector at the full detection size. One instance per video (it counts detections).
/// Detections are returned in the pixels of the image passed in.
/// </summary>
internal sealed class CoarseToFineDetector(IFaceDetector detector, FaceSamplingOptions options) : IDisposable
{
    private readonly Mat _small = new();
    private int _runs;

    /// <summary>Detections that ran at the full size.</summary>
    public int FullRuns { get; private set; }

    public IReadOnlyList<FaceDetection> Detect(Mat image)
    {
        var sweep = options.FullDetectEvery > 0 && _runs++ % options.FullDetectEvery == 0;
        var longSide = Math.Max(image.Width, image.Height);
        if (!sweep && options.CoarseDetectSide > 0 && longSide > options.CoarseDetectSide)
        {
            var scale = (double)options.CoarseDetectSide / longSide;
            var size = new Size(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)));
            Cv2.Resize(image, _small, size, 0, 0, InterpolationFlags.Area);
            var coarse = detector.Detect(_small);
            var kept = coarse.Where(f => f.Score >= options.MinScore).ToList();
            if (kept.Count > 0 && kept.All(f => Math.Min(f.Box.Width, f.Box.Height) >= options.CoarseMinFaceSize))
                return coarse.Select(f => f.Scaled(1 / ((double)size.Width / image.Width))).ToList();
        }
        FullRuns++;
        return detector.Detect(image);
    }

    public void Dispose() => _small.Dispose();
}
