using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// YuNet face detector through OpenCV's <see cref="FaceDetectorYN"/> (the reference for <see cref="OnnxFaceDetector"/>,
/// selected with <see cref="DetectorRuntime.OpenCv"/>). YuNet's input size is fixed when it is created, so one native
/// detector is kept per image size (a few sizes at most) and reused. Not thread-safe: use one per thread.
/// </summary>
public sealed class OpenCvFaceDetector : IFaceDetector
{
    private const int MaxSizes = 6;
    private readonly string _modelPath;
    private readonly float _scoreThreshold;
    private readonly float _nmsThreshold;
    private readonly int _topK;
    private readonly Dictionary<Size, FaceDetectorYN> _bySize = [];
    private readonly Queue<Size> _order = new();
    private bool _disposed;

    public OpenCvFaceDetector(string modelPath, float scoreThreshold = 0.5f, float nmsThreshold = 0.3f, int topK = 500)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException("Detector model not found.", modelPath);
        _modelPath = modelPath;
        _scoreThreshold = scoreThreshold;
        _nmsThreshold = nmsThreshold;
        _topK = topK;
    }

    /// <inheritdoc/>
    public IReadOnlyList<FaceDetection> Detect(Mat bgr)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(bgr);
        if (bgr.Empty()) return [];
        if (bgr.Type() != MatType.CV_8UC3) throw new ArgumentException($"Expected a BGR 8-bit image, got {bgr.Type()}.", nameof(bgr));
        var detector = ForSize(bgr.Size());
        using var faces = new Mat();
        detector.Detect(bgr, faces);
        if (faces.Empty() || faces.Rows == 0) return [];
        var n = faces.Rows;
        var cols = faces.Cols;
        var data = new float[n * cols];
        if (faces.Type() != MatType.CV_32FC1 || cols < 15) throw new InvalidOperationException($"Unexpected YuNet output {faces.Type()} x {cols}.");
        using var copy = faces.IsContinuous() ? null : faces.Clone();
        System.Runtime.InteropServices.Marshal.Copy((copy ?? faces).Data, data, 0, data.Length);
        var result = new List<FaceDetection>(n);
        for (var i = 0; i < n; i++)
        {
            var r = data.AsSpan(i * cols, cols);
            var landmarks = new Point2f[5];
            for (var k = 0; k < 5; k++) landmarks[k] = new Point2f(r[4 + 2 * k], r[5 + 2 * k]);
            result.Add(new FaceDetection(new Rect2f(r[0], r[1], r[2], r[3]), landmarks, r[14]));
        }
        result.Sort((a, b) => b.Score.CompareTo(a.Score));
        return result;
    }

    private FaceDetectorYN ForSize(Size size)
    {
        if (_bySize.TryGetValue(size, out var d)) return d;
        if (_order.Count >= MaxSizes)
        {
            var old = _order.Dequeue();
            _bySize.Remove(old, out var evicted);
            evicted?.Dispose();
        }
        d = FaceDetectorYN.Create(_modelPath, "", size, _scoreThreshold, _nmsThreshold, _topK);
        _bySize[size] = d;
        _order.Enqueue(size);
        return d;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var d in _bySize.Values) d.Dispose();
        _bySize.Clear();
    }
}
