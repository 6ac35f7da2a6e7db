using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// Decides per detected frame whether YuNet runs at the full detection size (landmarks good enough to embed) or on a
/// small copy (long side <see cref="FaceSamplingOptions.TrackingDetectSide"/>, about a quarter of the cost) whose boxes
/// only serve the tracker's box overlap. It follows faces online by box overlap, as the tracker will, and runs the full
/// size when a followed face is due (every <see cref="FaceSamplingOptions.EmbedStride"/>-th observation: an embedding of
/// the stride schedule, or with <see cref="FaceSamplingOptions.EmbedBest"/> an aligned candidate for the best few),
/// when the coarse pass finds a face it cannot link or a small one, and at least every
/// <see cref="FaceSamplingOptions.FullDetectEvery"/>-th detected frame. One instance per video.
/// Detections are returned in the pixels of the image passed in.
/// </summary>
internal sealed class TrackingDetector(IFaceDetector detector, FaceSamplingOptions options) : IDisposable
{
    private readonly Mat _small = new();
    private readonly List<Followed> _followed = [];
    private int _sinceFull; // sampled frames since the last full-size look (a faceless first frame may stay coarse)

    /// <summary>
    /// True when the next sampled frame must be looked at in full size even if it is a still of a coarse-detected frame
    /// (so a face too small for the coarse pass on a still shot is found within <see cref="FaceSamplingOptions.FullDetectEvery"/> samples).
    /// </summary>
    public bool SweepDue => options.FullDetectEvery > 0 && _sinceFull >= options.FullDetectEvery - 1;

    /// <summary>Detections that ran at the full size.</summary>
    public int FullRuns { get; private set; }

    /// <summary>
    /// Detects faces in <paramref name="image"/> (sampled frame <paramref name="ordinal"/>); <paramref name="keep"/> filters
    /// the raw detections (score, size, count). <c>Full</c> tells whether they came from the full-size pass.
    /// </summary>
    public (List<FaceDetection> Found, bool Full) Detect(Mat image, int ordinal, Func<IReadOnlyList<FaceDetection>, List<FaceDetection>> keep)
    {
        _followed.RemoveAll(f => ordinal - f.LastOrdinal > options.MaxGap);
        var stride = Math.Max(1, options.EmbedStride);
        var longSide = Math.Max(image.Width, image.Height);
        var side = options.TrackingDetectSide;
        var forceFull = side <= 0 || longSide <= side
            || SweepDue
            || _followed.Any(f => f.SinceFull >= stride - 1);
        if (!forceFull)
        {
            var size = Media.Downscaler.FitLongSide(image.Size(), side);
            Media.Downscaler.Shrink(image, _small, size, options.ExactAreaDownscale);
            var back = (double)image.Width / size.Width;
            var coarse = keep(detector.Detect(_small).Select(f => f.Scaled(back)).ToList());
            var smallFace = coarse.Any(f => Math.Min(f.Box.Width, f.Box.Height) / back < options.CoarseMinFaceSize);
            if (!smallFace && Link(coarse, ordinal, dryRun: true))
            {
                Observe(coarse, ordinal, full: false);
                return (coarse, false);
            }
        }
        var found = keep(detector.Detect(image));
        FullRuns++;
        Observe(found, ordinal, full: true);
        return (found, true);
    }

    /// <summary>Records that sampled frame <paramref name="ordinal"/> (a still frame) reuses <paramref name="found"/>.</summary>
    public void Repeat(IReadOnlyList<FaceDetection> found, int ordinal, bool full)
    {
        _followed.RemoveAll(f => ordinal - f.LastOrdinal > options.MaxGap);
        Observe(found, ordinal, full);
    }

    private void Observe(IReadOnlyList<FaceDetection> found, int ordinal, bool full)
    {
        _sinceFull = full ? 0 : _sinceFull + 1;
        Link(found, ordinal, dryRun: false, full);
    }

    /// <summary>Links faces to followed ones by best box overlap; with <paramref name="dryRun"/> only tells whether all link.</summary>
    private bool Link(IReadOnlyList<FaceDetection> found, int ordinal, bool dryRun, bool full = false)
    {
        var claimed = new HashSet<Followed>();
        var created = new List<Followed>();
        foreach (var face in found.OrderByDescending(f => f.Score * f.Box.Width * f.Box.Height))
        {
            Followed? best = null;
            var bestIou = options.TrackIou;
            foreach (var f in _followed)
            {
                if (claimed.Contains(f) || f.LastOrdinal == ordinal) continue;
                var iou = FaceTracker.IoU(face.Box, f.Box);
                if (iou >= bestIou) { bestIou = iou; best = f; }
            }
            if (best is null)
            {
                if (dryRun) return false;
                created.Add(new Followed { Box = face.Box, LastOrdinal = ordinal, SinceFull = full ? 0 : int.MaxValue / 2 });
                continue;
            }
            claimed.Add(best);
            if (dryRun) continue;
            best.Box = face.Box;
            best.LastOrdinal = ordinal;
            best.SinceFull = full ? 0 : best.SinceFull + 1;
        }
        _followed.AddRange(created);
        return true;
    }

    public void Dispose() => _small.Dispose();

    private sealed class Followed
    {
        public Rect2f Box { get; set; }
        public int LastOrdinal { get; set; }
        public int SinceFull { get; set; }
    }
}
