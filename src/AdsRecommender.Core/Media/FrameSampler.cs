using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using OpenCvSharp;

namespace AdsRecommender.Core.Media;

/// <summary>
/// Samples a few frames per second from a video, decoded by <see cref="FrameSamplingSettings.Decoder"/> (the system's
/// <c>ffmpeg</c> program by default, OpenCV's own FFmpeg otherwise). Frames between samples are only decoded, not converted;
/// sampled frames are converted to BGR and downscaled so the long side is at most
/// <see cref="FrameSamplingSettings.MaxDetectSide"/>. Long videos are sampled more sparsely so at most
/// <see cref="FrameSamplingSettings.MaxFrames"/> frames come out. Thread-safe (each call opens its own decoder).
/// </summary>
public sealed class FrameSampler(FrameSamplingSettings options)
{
    private readonly FrameSamplingSettings _options = options;

    /// <summary>The decoder this sampler uses.</summary>
    public FrameDecoder Decoder => _options.Decoder;

    /// <summary>
    /// Yields the sampled frames; the caller disposes each. Throws <see cref="VideoDecodeException"/> if none can be decoded.
    /// While <paramref name="dense"/> returns true, the next sample comes at <see cref="FrameSamplingSettings.MotionFramesPerSecond"/>.
    /// </summary>
    public IEnumerable<SampledFrame> Sample(string videoPath, CancellationToken ct = default, Func<bool>? dense = null)
    {
        // Motion sampling decides each next sample from the frame before: no decoding ahead of the caller then.
        var motion = _options.MotionFramesPerSecond > 0 && dense is not null;
        return motion ? Decode(videoPath, dense, ct) : DecodeAhead(videoPath, ct);
    }

    /// <summary>
    /// The frames of <see cref="Decode"/>, decoded on a thread of their own up to <see cref="FramesAhead"/> frames ahead, so a
    /// video's decoding overlaps its detection and embedding (a long video alone at the end of a run keeps two cores busy).
    /// </summary>
    private IEnumerable<SampledFrame> DecodeAhead(string videoPath, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var queue = new BlockingCollection<SampledFrame>(FramesAhead);
        ExceptionDispatchInfo? failure = null;
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var frame in Decode(videoPath, null, stop.Token))
                {
                    try
                    {
                        queue.Add(frame, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        frame.Dispose();
                        break;
                    }
                }
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var frame in queue.GetConsumingEnumerable(ct)) yield return frame;
            producer.Wait(CancellationToken.None);
            failure?.Throw();
        }
        finally
        {
            // the caller stopped early (or failed): stop decoding, let the decoder close, free the frames not taken
            stop.Cancel();
            producer.Wait(CancellationToken.None);
            while (queue.TryTake(out var left)) left.Dispose();
        }
    }

    /// <summary>Frames decoded ahead of the caller by <see cref="DecodeAhead"/> (each a full frame and its detection copy).</summary>
    private const int FramesAhead = 2;

    private IEnumerable<SampledFrame> Decode(string videoPath, Func<bool>? dense, CancellationToken ct)
    {
        if (!File.Exists(videoPath)) throw new VideoDecodeException($"video file not found: {Path.GetFileName(videoPath)}");
        var info = new FileInfo(videoPath);
        if (info.Length == 0) throw new VideoDecodeException("video file is empty");
        using var capture = Open(videoPath);
        int width = capture.Width, height = capture.Height;
        if ((long)width * height > _options.MaxSourcePixels)
            throw new VideoDecodeException($"resolution {width}x{height} exceeds the limit of {_options.MaxSourcePixels} pixels per frame");
        var fps = capture.Fps;
        if (double.IsNaN(fps) || fps <= 1 || fps > 1000) fps = 25;
        var frameCount = capture.FrameCount;
        var interval = Math.Max(1.0, fps / Math.Max(0.01, _options.FramesPerSecond));
        var maxFrames = Math.Max(1, _options.MaxFrames);
        if (frameCount > 0 && frameCount / interval > maxFrames) interval = (double)frameCount / maxFrames;
        var denseInterval = _options.MotionFramesPerSecond > 0 ? Math.Max(1.0, Math.Min(interval, fps / _options.MotionFramesPerSecond)) : interval;
        var lastFrame = (long)Math.Min(fps * _options.MaxSeconds, frameCount > 0 ? frameCount + fps : double.MaxValue);

        var next = interval / 2; // the first sample sits half an interval in, away from a fade-in on frame 0
        var produced = 0;
        var watch = Stopwatch.StartNew();
        // the decoder converts only the planned frames (all of them while motion sampling decides each next one)
        capture.Plan(new SamplingPlan(next, interval, EveryFrame: dense is not null));
        while (produced < maxFrames)
        {
            ct.ThrowIfCancellationRequested();
            if (!capture.Grab()) break;
            var index = capture.Index;
            if (index > lastFrame) break;
            if (index + 0.5 < next && !capture.Chosen) continue;
            next += dense?.Invoke() == true ? denseInterval : interval;
            // samples due before this frame were missed (left-out frames): the next is the first still ahead
            while (next <= index + 0.5) next += interval;
            var full = new Mat();
            if (!capture.Retrieve(full) || full.Empty())
            {
                full.Dispose();
                continue;
            }
            if ((long)full.Width * full.Height > _options.MaxSourcePixels)
            {
                full.Dispose();
                throw new VideoDecodeException($"resolution {full.Width}x{full.Height} exceeds the limit of {_options.MaxSourcePixels} pixels per frame");
            }
            var (detect, scale) = Downscale(full);
            var ms = watch.Elapsed.TotalMilliseconds;
            var frame = new SampledFrame(produced, (int)index, index / fps, full, detect, scale, ms);
            produced++;
            yield return frame;
            if (frameCount > 0 && next >= frameCount) break; // no further sample to come: do not decode the tail
            watch.Restart();
        }
        if (produced == 0)
            throw new VideoDecodeException("no decodable frames (the video stream is empty, truncated or uses an unsupported codec)");
    }

    /// <summary>
    /// Decodes and downscales the same frames <see cref="Sample"/> would, without detection: the baseline for the face stage.
    /// <see cref="DecodeMeasurement.DecodeMs"/> is measured the same way as <c>StageTimings.DecodeMs</c> of an analysis.
    /// </summary>
    public DecodeMeasurement MeasureDecodeOnly(string videoPath, CancellationToken ct = default)
    {
        double ms = 0;
        int frames = 0, width = 0, height = 0;
        foreach (var f in Sample(videoPath, ct))
        {
            using (f)
            {
                frames++;
                ms += f.DecodeMs;
                width = f.Full.Width;
                height = f.Full.Height;
            }
        }
        return new DecodeMeasurement(frames, width, height, ms);
    }

    /// <summary>The frames the decoder decodes to sample <paramref name="videoPath"/> (left-out frames not counted); for the benchmark.</summary>
    public long CountDecodedFrames(string videoPath)
    {
        if (_options.Decoder == FrameDecoder.OpenCv)
        {
            using var video = OpenCvVideo.Open(videoPath);
            return video.FrameCount; // OpenCV's decoder leaves nothing out
        }
        return Ffmpeg.DecodedFrameCount.Of(videoPath, _options.Skip, _options.KeyFrames ?? KeyFrameDecoding.Off, _options.IndexReader);
    }

    private IVideoFrames Open(string path) => _options.Decoder switch
    {
        FrameDecoder.OpenCv => OpenCvVideo.Open(path),
        _ => Ffmpeg.FfmpegVideo.Open(path, _options.MaxSourcePixels, _options.Skip, _options.KeyFrames ?? KeyFrameDecoding.Off, _options.Output, _options.LoopFilter, _options.IndexReader),
    };

    private (Mat Detect, double Scale) Downscale(Mat full)
    {
        var longSide = Math.Max(full.Width, full.Height);
        if (longSide <= _options.MaxDetectSide) return (full, 1.0);
        var size = Downscaler.FitLongSide(full.Size(), _options.MaxDetectSide);
        var small = new Mat();
        Downscaler.Shrink(full, small, size, _options.ExactAreaDownscale);
        return (small, (double)size.Width / full.Width);
    }
}
