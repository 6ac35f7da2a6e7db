using OpenCvSharp;

namespace AdsRecommender.Core.Media;

/// <summary>
/// One open video as <see cref="FrameSampler"/> reads it: its upright size, rate and frame count (0 when unknown), then
/// frames one by one: <see cref="Grab"/> decodes the next, <see cref="Retrieve"/> converts the last grabbed one to BGR.
/// </summary>
internal interface IVideoFrames : IDisposable
{
    int Width { get; }
    int Height { get; }
    double Fps { get; }
    long FrameCount { get; }
    bool Grab();
    bool Retrieve(Mat bgr);
}
