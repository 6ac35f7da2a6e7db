using System.Diagnostics;
using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// The aligned crops of a video's faces, by slot: aligned when a face is detected at the full size, or deferred
/// (<see cref="DeferredCrop"/>) for a face of the coarse tracking pass and aligned on first use, after a full-size
/// re-detection of its frame (<paramref name="detectFull"/>). Owns the crops, the deferred regions and the kept frames.
/// </summary>
internal sealed class FaceCrops(Func<Mat, IReadOnlyList<FaceDetection>> detectFull, IFaceEmbedder aligner) : IDisposable
{
    private readonly List<Mat?> _crops = []; // null: deferred, not aligned yet
    private readonly Dictionary<int, DeferredCrop> _deferred = [];
    private readonly List<DeferredCrop.Frame> _frames = [];

    public int Count => _crops.Count;

    /// <summary>Time spent re-detecting coarse frames at the full size to align their deferred faces.</summary>
    public double RedetectMs { get; private set; }

    public void Add(Mat aligned) => _crops.Add(aligned);

    public void AddDeferred(DeferredCrop crop)
    {
        _deferred[_crops.Count] = crop;
        _crops.Add(null);
    }

    /// <summary>A copy of a coarse-detected frame, kept (and shared by its faces' deferred crops) until disposal.</summary>
    public DeferredCrop.Frame KeepFrame(Mat detect, double scale)
    {
        var frame = new DeferredCrop.Frame(detect.Clone(), scale);
        _frames.Add(frame);
        return frame;
    }

    /// <summary>True when the crop in <paramref name="slot"/> needs no re-detection.</summary>
    public bool IsAligned(int slot) => _crops[slot] is not null;

    public Mat Get(int slot)
    {
        if (_crops[slot] is { } crop) return crop;
        var watch = Stopwatch.StartNew();
        _crops[slot] = _deferred[slot].Realize(detectFull, aligner);
        RedetectMs += watch.Elapsed.TotalMilliseconds;
        return _crops[slot]!;
    }

    public void Dispose()
    {
        foreach (var c in _crops) c?.Dispose();
        foreach (var c in _deferred.Values) c.Dispose();
        foreach (var f in _frames) f.Dispose();
    }
}
