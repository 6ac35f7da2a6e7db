namespace AdsRecommender.Core.Faces;

/// <summary>Which engine runs the YuNet detector model.</summary>
public enum DetectorRuntime
{
    /// <summary>ONNX Runtime with YuNet's decoding and non-maximum suppression in C# (<see cref="OnnxFaceDetector"/>); the default, faster (docs/PERFORMANCE.md).</summary>
    OnnxRuntime,
    /// <summary>OpenCV's <c>FaceDetectorYN</c> (<see cref="OpenCvFaceDetector"/>); the reference the ONNX Runtime path is tested against.</summary>
    OpenCv,
}
