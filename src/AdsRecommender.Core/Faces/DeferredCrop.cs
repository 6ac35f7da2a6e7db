using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// A face found only by the coarse tracking pass, kept so it can still be embedded exactly as a full-size detection
/// would be if the tracker asks for it (a disputed stretch, the end of a track): the frame at the detection size
/// (shared by the faces of that frame) and the full-resolution region around the face (box plus one box side each way,
/// enough for the aligned crop).
/// </summary>
internal sealed class DeferredCrop(DeferredCrop.Frame frame, FaceDetection coarse, Mat region, Point offset) : IDisposable
{
    /// <summary>Re-detects the frame at the full detection size (once per frame) and aligns the face best overlapping the coarse box.</summary>
    public Mat Realize(Func<Mat, IReadOnlyList<FaceDetection>> detectFull, IFaceEmbedder embedder)
    {
        frame.Full ??= detectFull(frame.Detect);
        var best = frame.Full.MaxBy(f => FaceTracker.IoU(f.Box, coarse.Box));
        var face = best is not null && FaceTracker.IoU(best.Box, coarse.Box) > 0 ? best : coarse;
        var landmarks = face.Scaled(1 / frame.Scale).Landmarks.Select(p => new Point2f(p.X - offset.X, p.Y - offset.Y)).ToArray();
        return embedder.Align(region, landmarks);
    }

    /// <summary>Cuts the region for <paramref name="coarse"/> (detection pixels) out of the full-resolution frame.</summary>
    public static DeferredCrop Create(Frame frame, FaceDetection coarse, Mat full)
    {
        var box = coarse.Scaled(1 / frame.Scale).Box;
        var margin = Math.Max(box.Width, box.Height);
        var x0 = Math.Clamp((int)Math.Floor(box.X - margin), 0, full.Width - 1);
        var y0 = Math.Clamp((int)Math.Floor(box.Y - margin), 0, full.Height - 1);
        var x1 = Math.Clamp((int)Math.Ceiling(box.X + box.Width + margin), x0 + 1, full.Width);
        var y1 = Math.Clamp((int)Math.Ceiling(box.Y + box.Height + margin), y0 + 1, full.Height);
        using var roi = new Mat(full, new Rect(x0, y0, x1 - x0, y1 - y0));
        return new DeferredCrop(frame, coarse, roi.Clone(), new Point(x0, y0));
    }

    public void Dispose() => region.Dispose();

    /// <summary>A coarse-detected frame at the detection size; <see cref="Full"/> caches its full-size re-detection.</summary>
    internal sealed class Frame(Mat detect, double scale) : IDisposable
    {
        public Mat Detect { get; } = detect;
        public double Scale { get; } = scale;
        public IReadOnlyList<FaceDetection>? Full { get; set; }
        public void Dispose() => Detect.Dispose();
    }
}
