using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>A face detector with 5 landmarks (YuNet). Whether an instance may be shared between threads is up to the implementation.</summary>
public interface IFaceDetector : IDisposable
{
    /// <summary>Detects faces in a BGR 8-bit image of any size; results in the image's pixels, sorted by score, highest first.</summary>
    IReadOnlyList<FaceDetection> Detect(Mat bgr);
}
