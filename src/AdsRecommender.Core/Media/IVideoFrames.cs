using OpenCvSharp;

namespace AdsRecommender.Core.Media;

/// <summary>
/// One open video as <see cref="FrameSampler"/> reads it: its upright size, rate and frame count (0 when unknown), then
/// frames one by one: <see cref="Grab"/> decodes the next, <see cref="Retrieve"/> converts the last grabbed one to BGR,
/// <see cref="Index"/> is its 0-based place in display order. <see cref="SkipUntil"/> tells the decoder no frame before
/// that index will be retrieved: it may leave out frames nothing else refers to (the frames it does give are unchanged).
/// </summary>
internal interface IVideoFrames : IDisposable
{
    int Width { get; }
    int Height { get; }
    double Fps { get; }
    long FrameCount { get; }
    bool Grab();
    bool Retrieve(Mat bgr);
    long Index { get; }
    void SkipUntil(long index);
}
