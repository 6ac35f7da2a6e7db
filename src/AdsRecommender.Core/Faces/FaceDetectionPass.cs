using System.Diagnostics;
using AdsRecommender.Core.Media;
using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// The first pass over a video: samples its frames, detects the faces of each (<see cref="TrackingDetector"/>: the full
/// detection size or the coarse tracking pass; a still frame reuses the last detection, <see cref="StaticFrameFilter"/>)
/// and records one observation per face with the crop it will be embedded from: aligned at once after a full-size
/// detection, deferred after a coarse one. Embeds nothing.
/// </summary>
internal sealed class FaceDetectionPass : IDisposable
{
    private readonly FaceSamplingOptions _options;
    private readonly IFaceEmbedder _aligner;
    private readonly StaticFrameFilter _still;
    private readonly TrackingDetector _tracking;
    private readonly DetectedFaces _faces;
    private IReadOnlyList<FaceDetection> _found = [];
    private bool _full = true; // _found comes from a full-size detection
    private int _firstCrop; // crop slot of _found[0]
    private bool _moving;
    private float? _lastCentre;

    private FaceDetectionPass(IFaceDetector detector, FaceSamplingOptions options, IFaceEmbedder aligner)
    {
        _options = options;
        _aligner = aligner;
        _still = new StaticFrameFilter(options.StillFrameDifference);
        _tracking = new TrackingDetector(detector, options);
        _faces = new DetectedFaces(new FaceCrops(image => Keep(detector.Detect(image), options), aligner));
    }

    /// <summary>The faces of <paramref name="videoPath"/>'s sampled frames; the caller disposes them.</summary>
    public static DetectedFaces Run(FrameSampler sampler, string videoPath, IFaceDetector detector, FaceSamplingOptions options, IFaceEmbedder aligner, CancellationToken ct)
    {
        using var pass = new FaceDetectionPass(detector, options, aligner);
        var faces = pass._faces;
        try
        {
            var watch = new Stopwatch();
            foreach (var frame in sampler.Sample(videoPath, ct, () => pass._moving))
            {
                using (frame)
                {
                    faces.Frames++;
                    faces.DecodeMs += frame.DecodeMs;
                    watch.Restart();
                    var reuse = pass.Detect(frame);
                    faces.DetectMs += watch.Elapsed.TotalMilliseconds;
                    watch.Restart();
                    pass.Record(frame, reuse);
                    faces.AlignMs += watch.Elapsed.TotalMilliseconds;
                }
            }
            faces.FramesDetectedFull = pass._tracking.FullRuns;
            return faces;
        }
        catch
        {
            faces.Dispose();
            throw;
        }
    }

    /// <summary>The detections that count (score, size), largest first, at most <see cref="FaceSamplingOptions.MaxFacesPerFrame"/>.</summary>
    public static List<FaceDetection> Keep(IReadOnlyList<FaceDetection> found, FaceSamplingOptions options) =>
        found.Where(f => f.Score >= options.MinScore && Math.Min(f.Box.Width, f.Box.Height) >= options.MinFaceSize)
             .OrderByDescending(f => f.Box.Width * f.Box.Height)
             .Take(options.MaxFacesPerFrame)
             .ToList();

    /// <summary>Detects the faces of <paramref name="frame"/>, or reuses the last detection for a still; true when reused.</summary>
    private bool Detect(SampledFrame frame)
    {
        var reuse = _still.SameAsLastDetected(frame.Detect);
        if (reuse && !_full && _tracking.SweepDue) reuse = false; // a still of a coarse frame still gets its full-size sweep
        if (reuse)
        {
            _tracking.Repeat(_found, frame.Ordinal, _full);
            return true;
        }
        (_found, _full) = _tracking.Detect(frame.Detect, frame.Ordinal, f => Keep(f, _options));
        _faces.FramesDetected++;
        _firstCrop = _faces.Crops.Count;
        // dense sampling while the main face moves (FaceSamplingOptions.MotionFramesPerSecond)
        float? centre = _found.Count > 0 ? (_found[0].Box.X + _found[0].Box.Width / 2) / frame.Detect.Width : null;
        _moving = centre is { } c && _lastCentre is { } l && Math.Abs(c - l) >= 0.005f;
        _lastCentre = centre;
        return false;
    }

    /// <summary>One observation per face of <paramref name="frame"/> with its crop: aligned now, deferred, or the detected frame's (a still).</summary>
    private void Record(SampledFrame frame, bool reuse)
    {
        float fw = frame.Detect.Width, fh = frame.Detect.Height;
        var coarseFrame = !reuse && !_full && _found.Count > 0 ? _faces.Crops.KeepFrame(frame.Detect, frame.DetectScale) : null;
        for (var k = 0; k < _found.Count; k++)
        {
            var face = _found[k];
            if (!reuse && _full) _faces.Crops.Add(_aligner.Align(frame.Full, face.Scaled(1 / frame.DetectScale).Landmarks));
            else if (!reuse) _faces.Crops.AddDeferred(DeferredCrop.Create(coarseFrame!, face, frame.Full));
            var box = new Rect2f(face.Box.X / fw, face.Box.Y / fh, face.Box.Width / fw, face.Box.Height / fh);
            _faces.Add(frame.Ordinal, box, face.Score, face.Box.Height / fh, _firstCrop + k, FaceQuality.Frontality(face.Landmarks));
        }
    }

    public void Dispose()
    {
        _still.Dispose();
        _tracking.Dispose();
    }
}
