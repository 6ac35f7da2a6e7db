using OpenCvSharp;

namespace AdsRecommender.Core.Media;

/// <summary>
/// One open video as <see cref="FrameSampler"/> reads it: its upright size, rate and frame count (0 when unknown), then
/// frames one by one: <see cref="Grab"/> decodes the next, <see cref="Retrieve"/> converts the last grabbed one to BGR,
/// <see cref="Index"/> is its 0-based place in display order. <see cref="Plan"/>, before the first <see cref="Grab"/>, tells
/// the decoder which frames will be retrieved: it may deliver only those (the sampler takes the frames it planned either way).
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
    /// <summary>The decoder chose the last grabbed frame as a sample (it decodes too few frames to put samples on the schedule).</summary>
    bool Chosen => false;
    void Plan(SamplingPlan plan);
}
