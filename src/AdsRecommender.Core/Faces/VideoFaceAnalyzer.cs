using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// Finds a video's people in two steps: a detection pass (<see cref="FaceDetectionPass"/>: sample, detect, align), then
/// the embedding step, where the tracker has the observations it needs embedded (<see cref="ObservationEmbeddings"/>)
/// and its tracks become people ranked by prominence. Detector and recogniser come from a <see cref="FaceModelFactory"/>
/// and are loaded once, in the constructor. Thread-safe: detectors that are not are pooled (one per concurrent call),
/// the recogniser is shared.
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

    // A thread of its own, not one of the pool's: an analysis holds its thread for seconds, and with the pool's few threads
    // (one per core) taken by analyses, downloads, storage writes and the orchestration's messages waited for the pool to grow.
    public Task<VideoFaces> AnalyzeAsync(string videoPath, CancellationToken ct = default) =>
        Task.Factory.StartNew(() => Analyze(videoPath, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Synchronous form of <see cref="AnalyzeAsync"/>.</summary>
    public VideoFaces Analyze(string videoPath, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var detector = _sharedDetector ?? (_detectors.TryTake(out var d) ? d : _models.CreateDetector());
        try
        {
            using var faces = FaceDetectionPass.Run(_sampler, videoPath, detector, _sampling, _embedder, ct);
            ct.ThrowIfCancellationRequested();
            var embedWatch = Stopwatch.StartNew();
            var embeddings = new ObservationEmbeddings(faces, _embedder, ct);
            var tracks = _tracker.Build(faces.Observations, embeddings.Embed, _sampling.QualityWeightedMean ? embeddings.QualityWeight : null, embeddings.Rank);
            var (people, background) = ToPeople(tracks, faces);
            // full-size re-detections of coarse frames the tracker wanted embedded count as detection
            var redetectMs = faces.Crops.RedetectMs;
            var embedMs = embedWatch.Elapsed.TotalMilliseconds + faces.AlignMs - redetectMs;
            var timings = new StageTimings(DecodeMs: faces.DecodeMs, DetectMs: faces.DetectMs + redetectMs, EmbedMs: embedMs);
            _logger.LogDebug("{Video}: {Frames} frames ({Detected} detected), {Faces} faces ({Embedded} embedded), {People} people; decode {DecodeMs:F0} ms, detect {DetectMs:F0} ms, embed {EmbedMs:F0} ms",
                Path.GetFileName(videoPath), faces.Frames, faces.FramesDetected, faces.Observations.Count, embeddings.Embedded, people.Count, faces.DecodeMs, faces.DetectMs, embedMs);
            return new VideoFaces(people, faces.Frames, timings)
            {
                FramesDetected = faces.FramesDetected,
                FramesDetectedFull = faces.FramesDetectedFull,
                FacesEmbedded = embeddings.Embedded,
                Background = background,
            };
        }
        finally
        {
            if (detector != _sharedDetector) _detectors.Add(detector);
        }
    }

    private (List<DetectedPerson> Cast, List<DetectedPerson> Background) ToPeople(IReadOnlyList<FaceTrack> tracks, DetectedFaces faces)
    {
        var frames = faces.Frames;
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
            var aligned = t.Observations.Where(o => faces.Crops.IsAligned(faces.CropSlotOf(o.Index))).ToList();
            var best = (aligned.Count > 0 ? aligned : t.Observations).MaxBy(o => o.Score * o.RelativeSize)!;
            var crop = faces.CropOf(best.Index);
            people.Add((new DetectedPerson(t.Id, t.MeanEmbedding, prominence, count, meanSize, (float)meanScore, Thumbnail(crop)) { Sharpness = FaceQuality.Sharpness(crop) }, crop));
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
