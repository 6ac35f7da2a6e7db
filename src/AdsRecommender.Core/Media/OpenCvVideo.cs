using OpenCvSharp;

namespace AdsRecommender.Core.Media;

/// <summary>One video decoded by OpenCV's own FFmpeg backend (<see cref="FrameDecoder.OpenCv"/>).</summary>
internal sealed class OpenCvVideo : IVideoFrames
{
    private readonly VideoCapture _capture;

    private OpenCvVideo(VideoCapture capture) => _capture = capture;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="VideoDecodeException"/> when OpenCV cannot.</summary>
    public static OpenCvVideo Open(string path)
    {
        var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        if (capture.IsOpened()) return new OpenCvVideo(capture);
        capture.Dispose();
        throw new VideoDecodeException("not a decodable video (the container or codec could not be opened; the file may be truncated or not a video)");
    }

    public int Width => _capture.FrameWidth;
    public int Height => _capture.FrameHeight;
    public double Fps => _capture.Fps;
    public long FrameCount => _capture.FrameCount;
    public long Index { get; private set; } = -1;

    public bool Grab()
    {
        if (!_capture.Grab()) return false;
        Index++;
        return true;
    }

    /// <summary>OpenCV decodes and delivers every frame.</summary>
    public void Plan(SamplingPlan plan)
    {
    }

    public bool Retrieve(Mat bgr) => _capture.Retrieve(bgr);
    public void Dispose() => _capture.Dispose();
}
