using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// Samples frames, detects (YuNet), aligns (5-point) and embeds (ONNX) faces, and tracks them into people ranked by prominence.
/// Models are verified and loaded once, in the constructor. Thread-safe: detectors are pooled (one per concurrent call),
/// the ONNX session is shared.
/// </summary>
public sealed class VideoFaceAnalyzer : IVideoFaceAnalyzer, IDisposable
{
    private const int ThumbnailSize = 96;
    private readonly FaceModelFactory _models;
    private readonly FaceSamplingOptions _sampling;
    private readonly ILogger _logger;
    private readonly IFaceEmbedder _embedder;
    private readonly FrameSampler _sampler;
    private readonly FaceTracker _tracker;
    private readonly IFaceDetector? _sharedDetector; // a thread-safe detector (ONNX Runtime) serves every call
    private readonly ConcurrentBag<IFaceDetector> _detectors = []; // otherwise one per concurrent call
    private bool _disposed;

    /// <summary>An analyzer with the detector and recogniser <paramref name="models"/> asks for.</summary>
    public VideoFaceAnalyzer(FaceModelOptions models, FaceSamplingOptions sampling, ILogger? logger = null)
        : this(new FaceModelFactory(models), sampling, logger)
    {
    }

    public VideoFaceAnalyzer(FaceModelFactory models, FaceSamplingOptions sampling, ILogger? logger = null)
    {
        _models = models;
        _sampling = sampling;
        _logger = logger ?? NullLogger.Instance;
        sampling.Validate();
        var options = models.Options;
        _embedder = models.CreateEmbedder();
        EmbeddingModelId = string.Create(CultureInfo.InvariantCulture, $"{_embedder.ModelId};degraded={(options.DegradedEmbedding ? options.DegradedSide : 0)}");
        _sampler = new FrameSampler(sampling.ToFrameSampling());
        _tracker = new FaceTracker(sampling);
        var first = models.CreateDetector(); // fail fast on a detector file that cannot be loaded
        if (models.DetectorIsThreadSafe) _sharedDetector = first;
        else _detectors.Add(first);
        _logger.LogInformation("Face models loaded from {ModelsDirectory}: {Detector}, {Recognizer} ({Dimension}-d)",
            models.ModelsDirectory, options.DetectorFile, options.RecognizerFile, _embedder.Dimension);
    }

    /// <inheritdoc/>
    public string EmbeddingModelId { get; }

    /// <summary>The folder the models were loaded from.</summary>
    public string ModelsDirectory => _models.ModelsDirectory;

    /// <summary>The frame sampler this analyzer uses (e.g. to measure decode-only time on the same frames).</summary>
    public FrameSampler Sampler => _sampler;

    public Task<VideoFaces> AnalyzeAsync(string videoPath, CancellationToken ct = default) =>
        Task.Run(() => Analyze(videoPath, ct), ct);

    /// <summary>Synchronous form of <see cref="AnalyzeAsync"/>.</summary>
    public VideoFaces Analyze(string videoPath, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var detector = _sharedDetector ?? (_detectors.TryTake(out var d) ? d : _models.CreateDetector());
        var crops = new List<Mat?>(); // null: a coarse-pass face, aligned on demand from its deferred crop
        var deferred = new Dictionary<int, DeferredCrop>();
        var coarseFrames = new List<DeferredCrop.Frame>();
        // per observation: the crop it is embedded from; observations on a still frame share the crop of the detected frame
        var cropOf = new List<int>();
        var pending = new List<(int Ordinal, Rect2f Box, float Score, double RelativeSize, float Frontal)>();
        var sharpness = new Dictionary<int, float>(); // crop slot -> std of its Laplacian (quality-weighted mean)
        var moving = false;
        float? lastCentre = null;
        double decodeMs = 0, detectMs = 0, alignMs = 0;
        int frames = 0, detected = 0;
        using var still = new StaticFrameFilter(_sampling.StillFrameDifference);
        using var tracking = new TrackingDetector(detector, _sampling);
        IReadOnlyList<FaceDetection> found = [];
        var full = true;
        var firstCrop = 0;
        var redetectMs = 0.0;
        Mat CropAt(int slot)
        {
            if (crops[slot] is { } crop) return crop;
            var watch = Stopwatch.StartNew();
            crops[slot] = deferred[slot].Realize(image => Keep(detector.Detect(image)).ToList(), _embedder);
            redetectMs += watch.Elapsed.TotalMilliseconds;
            return crops[slot]!;
        }
        try
        {
            var watch = new Stopwatch();
            foreach (var frame in _sampler.Sample(videoPath, ct, () => moving))
            {
                using (frame)
                {
                    frames++;
                    decodeMs += frame.DecodeMs;
                    watch.Restart();
                    var reuse = still.SameAsLastDetected(frame.Detect);
                    if (reuse && !full && tracking.SweepDue) reuse = false; // a still of a coarse frame still gets its full-size sweep
                    if (!reuse)
                    {
                        (found, full) = tracking.Detect(frame.Detect, frame.Ordinal, f => Keep(f).ToList());
                        detected++;
                        firstCrop = crops.Count;
                    }
                    else tracking.Repeat(found, frame.Ordinal, full);
                    if (!reuse)
                    {
                        // dense sampling while the main face moves (FaceSamplingOptions.MotionFramesPerSecond)
                        float? centre = found.Count > 0 ? (found[0].Box.X + found[0].Box.Width / 2) / frame.Detect.Width : null;
                        moving = centre is { } c && lastCentre is { } l && Math.Abs(c - l) >= 0.005f;
                        lastCentre = centre;
                    }
                    detectMs += watch.Elapsed.TotalMilliseconds;
                    watch.Restart();
                    float fw = frame.Detect.Width, fh = frame.Detect.Height;
                    DeferredCrop.Frame? coarseFrame = null;
                    if (!reuse && !full && found.Count > 0)
                    {
                        coarseFrame = new DeferredCrop.Frame(frame.Detect.Clone(), frame.DetectScale);
                        coarseFrames.Add(coarseFrame);
                    }
                    for (var k = 0; k < found.Count; k++)
                    {
                        var face = found[k];
                        if (!reuse && full)
                        {
                            var scaled = face.Scaled(1 / frame.DetectScale);
                            crops.Add(_embedder.Align(frame.Full, scaled.Landmarks));
                        }
                        else if (!reuse)
                        {
                            deferred[crops.Count] = DeferredCrop.Create(coarseFrame!, face, frame.Full);
                            crops.Add(null);
                        }
                        cropOf.Add(firstCrop + k);
                        var box = new Rect2f(face.Box.X / fw, face.Box.Y / fh, face.Box.Width / fw, face.Box.Height / fh);
                        pending.Add((frame.Ordinal, box, face.Score, face.Box.Height / fh, Frontality(face.Landmarks)));
                    }
                    alignMs += watch.Elapsed.TotalMilliseconds;
                }
            }
            ct.ThrowIfCancellationRequested();
            var embedWatch = Stopwatch.StartNew();
            var observations = pending.Select((p, i) => new FaceObservation(p.Ordinal, p.Box, p.Score, p.RelativeSize, i)).ToList();
            var vectors = new float[]?[crops.Count];
            var embedded = 0;
            var tracks = _tracker.Build(observations, indices =>
            {
                ct.ThrowIfCancellationRequested();
                var missing = indices.Select(i => cropOf[i]).Where(c => vectors[c] is null).Distinct().ToList();
                var got = _embedder.Embed(missing.Select(c => CropAt(c)).ToList());
                for (var k = 0; k < missing.Count; k++) vectors[missing[k]] = got[k];
                embedded += missing.Count;
                return indices.Select(i => vectors[cropOf[i]]!).ToArray();
            }, _sampling.QualityWeightedMean ? i => pending[i].Score * pending[i].Frontal * pending[i].Frontal * SharpnessOf(cropOf[i]) : null);
            float SharpnessOf(int slot)
            {
                if (!sharpness.TryGetValue(slot, out var s)) sharpness[slot] = s = (float)Math.Sqrt(Sharpness(CropAt(slot))) + 1e-3f;
                return s;
            }
            var (people, background) = ToPeople(tracks, frames, CropAt, slot => crops[slot] is not null, cropOf);
            // full-size re-detections of coarse frames the tracker wanted embedded count as detection
            var embedMs = embedWatch.Elapsed.TotalMilliseconds + alignMs - redetectMs;
            var timings = new StageTimings(DecodeMs: decodeMs, DetectMs: detectMs + redetectMs, EmbedMs: embedMs);
            _logger.LogDebug("{Video}: {Frames} frames ({Detected} detected), {Faces} faces ({Embedded} embedded), {People} people; decode {DecodeMs:F0} ms, detect {DetectMs:F0} ms, embed {EmbedMs:F0} ms",
                Path.GetFileName(videoPath), frames, detected, pending.Count, embedded, people.Count, decodeMs, detectMs, embedMs);
            return new VideoFaces(people, frames, timings)
            {
                FramesDetected = detected,
                FramesDetectedFull = tracking.FullRuns,
                FacesEmbedded = embedded,
                Background = background,
            };
        }
        finally
        {
            foreach (var c in crops) c?.Dispose();
            foreach (var c in deferred.Values) c.Dispose();
            foreach (var f in coarseFrames) f.Dispose();
            if (detector != _sharedDetector) _detectors.Add(detector);
        }
    }

    private IEnumerable<FaceDetection> Keep(IReadOnlyList<FaceDetection> found) =>
        found.Where(f => f.Score >= _sampling.MinScore && Math.Min(f.Box.Width, f.Box.Height) >= _sampling.MinFaceSize)
             .OrderByDescending(f => f.Box.Width * f.Box.Height)
             .Take(_sampling.MaxFacesPerFrame);

    private (List<DetectedPerson> Cast, List<DetectedPerson> Background) ToPeople(IReadOnlyList<FaceTrack> tracks, int frames, Func<int, Mat> cropAt, Func<int, bool> hasCrop, List<int> cropOf)
    {
        var minFrames = Math.Min(_sampling.MinTrackFrames, Math.Max(1, frames));
        var people = new List<(DetectedPerson Person, Mat Crop)>();
        foreach (var t in tracks)
        {
            var count = t.FrameCount;
            if (count < minFrames) continue;
            var meanSize = t.Observations.Average(o => o.RelativeSize);
            var meanScore = t.Observations.Average(o => o.Score);
            var prominence = (double)count / Math.Max(1, frames) * meanSize * meanScore;
            // thumbnail: preferably a face already aligned (a coarse-pass face would need a full-size re-detection)
            var aligned = t.Observations.Where(o => hasCrop(cropOf[o.Index])).ToList();
            var best = (aligned.Count > 0 ? aligned : t.Observations).MaxBy(o => o.Score * o.RelativeSize)!;
            var crop = cropAt(cropOf[best.Index]);
            people.Add((new DetectedPerson(t.Id, t.MeanEmbedding, prominence, count, meanSize, (float)meanScore, Thumbnail(crop)) { Sharpness = Sharpness(crop) }, crop));
        }
        var ranked = people.OrderByDescending(p => p.Person.Prominence).ToList();
        var kept = ranked.Where((p, i) => i == 0 || CastEvidence.Passes(p.Person, ranked[0].Person, _sampling)).Take(_sampling.MaxPeople).ToList();
        var background = ranked.Where((p, i) => i > 0 && !CastEvidence.Passes(p.Person, ranked[0].Person, _sampling)).Select(p => p.Person).ToList();
        if (!_models.Options.DegradedEmbedding || kept.Count == 0) return (kept.Select(p => p.Person).ToList(), background);
        var degraded = kept.Select(p => Degrade(p.Crop, _models.Options.DegradedSide)).ToList();
        try
        {
            var vectors = _embedder.Embed(degraded);
            return (kept.Select((p, i) => p.Person with { DegradedEmbedding = vectors[i] }).ToList(), background);
        }
        finally
        {
            foreach (var d in degraded) d.Dispose();
        }
    }

    /// <summary>1 when the nose tip sits midway between the eyes (frontal), falling to 0 as it reaches one eye (profile).</summary>
    internal static float Frontality(Point2f[] landmarks)
    {
        var eyes = Math.Abs(landmarks[1].X - landmarks[0].X);
        if (eyes < 1e-3f) return 0.05f;
        var offset = Math.Abs(landmarks[2].X - (landmarks[0].X + landmarks[1].X) / 2);
        return Math.Clamp(1 - 2 * offset / eyes, 0.05f, 1f); // a floor, so a track of profiles still has a mean
    }

    /// <summary>Variance of the Laplacian of the grey crop.</summary>
    internal static double Sharpness(Mat crop)
    {
        using var grey = new Mat();
        Cv2.CvtColor(crop, grey, ColorConversionCodes.BGR2GRAY);
        using var lap = new Mat();
        Cv2.Laplacian(grey, lap, MatType.CV_64F);
        Cv2.MeanStdDev(lap, out _, out var std);
        return std.Val0 * std.Val0;
    }

    /// <summary>The crop shrunk to <paramref name="side"/> px (area), 5x5 box-blurred, and scaled back (bilinear).</summary>
    internal static Mat Degrade(Mat crop, int side)
    {
        using var small = new Mat();
        Cv2.Resize(crop, small, new Size(side, side), 0, 0, InterpolationFlags.Area);
        Cv2.Blur(small, small, new Size(5, 5));
        var back = new Mat();
        Cv2.Resize(small, back, new Size(crop.Width, crop.Height), 0, 0, InterpolationFlags.Linear);
        return back;
    }

    private static byte[] Thumbnail(Mat crop)
    {
        using var small = new Mat();
        Cv2.Resize(crop, small, new Size(ThumbnailSize, ThumbnailSize), 0, 0, InterpolationFlags.Area);
        Cv2.ImEncode(".jpg", small, out var jpeg, [new ImageEncodingParam(ImwriteFlags.JpegQuality, 85)]);
        return jpeg;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _sharedDetector?.Dispose();
        while (_detectors.TryTake(out var d)) d.Dispose();
        _embedder.Dispose();
    }
}
