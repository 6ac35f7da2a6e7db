using System.Collections.Concurrent;
using System.Diagnostics;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Models;
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
    private readonly FaceModelOptions _models;
    private readonly FaceSamplingOptions _sampling;
    private readonly ILogger _logger;
    private readonly string _detectorPath;
    private readonly FaceEmbedder _embedder;
    private readonly FrameSampler _sampler;
    private readonly FaceTracker _tracker;
    private readonly ConcurrentBag<FaceDetector> _detectors = [];
    private bool _disposed;

    public VideoFaceAnalyzer(FaceModelOptions models, FaceSamplingOptions sampling, ILogger? logger = null)
    {
        _models = models;
        _sampling = sampling;
        _logger = logger ?? NullLogger.Instance;
        models.Validate();
        sampling.Validate();
        var dir = ModelCatalog.FindModelsDirectory(models.ModelsDirectory, models.DetectorFile);
        if (models.VerifyChecksums) ModelCatalog.Verify(dir, models.DetectorFile, models.RecognizerFile);
        else ModelCatalog.VerifyExists(dir, models.DetectorFile, models.RecognizerFile);
        ModelsDirectory = dir;
        _detectorPath = Path.Combine(dir, models.DetectorFile);
        _embedder = new FaceEmbedder(Path.Combine(dir, models.RecognizerFile), models);
        _sampler = new FrameSampler(sampling);
        _tracker = new FaceTracker(sampling);
        _detectors.Add(NewDetector()); // fail fast on a detector file OpenCV cannot load
        _logger.LogInformation("Face models loaded from {ModelsDirectory}: {Detector}, {Recognizer} ({Dimension}-d)",
            dir, models.DetectorFile, models.RecognizerFile, models.EmbeddingSize);
    }

    /// <summary>The folder the models were loaded from.</summary>
    public string ModelsDirectory { get; }

    /// <summary>The frame sampler this analyzer uses (e.g. to measure decode-only time on the same frames).</summary>
    public FrameSampler Sampler => _sampler;

    public Task<VideoFaces> AnalyzeAsync(string videoPath, CancellationToken ct = default) =>
        Task.Run(() => Analyze(videoPath, ct), ct);

    /// <summary>Synchronous form of <see cref="AnalyzeAsync"/>.</summary>
    public VideoFaces Analyze(string videoPath, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var detector = _detectors.TryTake(out var d) ? d : NewDetector();
        var crops = new List<Mat>();
        // per observation: the crop it is embedded from; observations on a still frame share the crop of the detected frame
        var cropOf = new List<int>();
        var pending = new List<(int Ordinal, Rect2f Box, float Score, double RelativeSize)>();
        double decodeMs = 0, detectMs = 0, alignMs = 0;
        int frames = 0, detected = 0;
        using var still = new StaticFrameFilter(_sampling.StillFrameDifference);
        using var cascade = new CoarseToFineDetector(detector, _sampling);
        IReadOnlyList<FaceDetection> found = [];
        var firstCrop = 0;
        try
        {
            var watch = new Stopwatch();
            foreach (var frame in _sampler.Sample(videoPath, ct))
            {
                using (frame)
                {
                    frames++;
                    decodeMs += frame.DecodeMs;
                    watch.Restart();
                    var reuse = still.SameAsLastDetected(frame.Detect);
                    if (!reuse)
                    {
                        found = Keep(cascade.Detect(frame.Detect)).ToList();
                        detected++;
                        firstCrop = crops.Count;
                    }
                    detectMs += watch.Elapsed.TotalMilliseconds;
                    watch.Restart();
                    float fw = frame.Detect.Width, fh = frame.Detect.Height;
                    for (var k = 0; k < found.Count; k++)
                    {
                        var face = found[k];
                        if (!reuse)
                        {
                            var full = face.Scaled(1 / frame.DetectScale);
                            crops.Add(FaceAligner.Align(frame.Full, full.Landmarks, _embedder.InputSize));
                        }
                        cropOf.Add(firstCrop + k);
                        var box = new Rect2f(face.Box.X / fw, face.Box.Y / fh, face.Box.Width / fw, face.Box.Height / fh);
                        pending.Add((frame.Ordinal, box, face.Score, face.Box.Height / fh));
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
                var got = _embedder.Embed(missing.Select(c => crops[c]).ToList());
                for (var k = 0; k < missing.Count; k++) vectors[missing[k]] = got[k];
                embedded += missing.Count;
                return indices.Select(i => vectors[cropOf[i]]!).ToArray();
            });
            var people = ToPeople(tracks, frames, crops, cropOf);
            var embedMs = embedWatch.Elapsed.TotalMilliseconds + alignMs;
            var timings = new StageTimings(DecodeMs: decodeMs, DetectMs: detectMs, EmbedMs: embedMs);
            _logger.LogDebug("{Video}: {Frames} frames ({Detected} detected), {Faces} faces ({Embedded} embedded), {People} people; decode {DecodeMs:F0} ms, detect {DetectMs:F0} ms, embed {EmbedMs:F0} ms",
                Path.GetFileName(videoPath), frames, detected, pending.Count, embedded, people.Count, decodeMs, detectMs, embedMs);
            return new VideoFaces(people, frames, timings) { FramesDetected = detected, FacesEmbedded = embedded };
        }
        finally
        {
            foreach (var c in crops) c.Dispose();
            _detectors.Add(detector);
        }
    }

    private IEnumerable<FaceDetection> Keep(IReadOnlyList<FaceDetection> found) =>
        found.Where(f => f.Score >= _sampling.MinScore && Math.Min(f.Box.Width, f.Box.Height) >= _sampling.MinFaceSize)
             .OrderByDescending(f => f.Box.Width * f.Box.Height)
             .Take(_sampling.MaxFacesPerFrame);

    private List<DetectedPerson> ToPeople(IReadOnlyList<FaceTrack> tracks, int frames, List<Mat> crops, List<int> cropOf)
    {
        var minFrames = Math.Min(_sampling.MinTrackFrames, Math.Max(1, frames));
        var people = new List<DetectedPerson>();
        foreach (var t in tracks)
        {
            var count = t.FrameCount;
            if (count < minFrames) continue;
            var meanSize = t.Observations.Average(o => o.RelativeSize);
            var meanScore = t.Observations.Average(o => o.Score);
            var prominence = (double)count / Math.Max(1, frames) * meanSize * meanScore;
            var best = t.Observations.MaxBy(o => o.Score * o.RelativeSize)!;
            people.Add(new DetectedPerson(t.Id, t.MeanEmbedding, prominence, count, meanSize, (float)meanScore, Thumbnail(crops[cropOf[best.Index]])));
        }
        return people.OrderByDescending(p => p.Prominence).Take(_sampling.MaxPeople).ToList();
    }

    private static byte[] Thumbnail(Mat crop)
    {
        using var small = new Mat();
        Cv2.Resize(crop, small, new Size(ThumbnailSize, ThumbnailSize), 0, 0, InterpolationFlags.Area);
        Cv2.ImEncode(".jpg", small, out var jpeg, [new ImageEncodingParam(ImwriteFlags.JpegQuality, 85)]);
        return jpeg;
    }

    private FaceDetector NewDetector() =>
        new(_detectorPath, _models.DetectorScoreThreshold, _models.DetectorNmsThreshold, _models.DetectorTopK);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        while (_detectors.TryTake(out var d)) d.Dispose();
        _embedder.Dispose();
    }
}
