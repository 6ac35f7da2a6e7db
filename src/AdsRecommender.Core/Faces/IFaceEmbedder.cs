using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// A face recogniser, in two steps so a caller can keep, reuse or alter the aligned crop in between: <see cref="Align"/>
/// warps a detected face onto the crop the model was trained on (the recogniser owns its landmark template),
/// <see cref="Embed"/> turns aligned crops into L2-normalised vectors. Implementations are thread-safe.
/// </summary>
public interface IFaceEmbedder : IDisposable
{
    /// <summary>Length of the vectors <see cref="Embed"/> returns.</summary>
    int Dimension { get; }

    /// <summary>Identifies what the vectors depend on (the model file's content and every setting that changes them).</summary>
    string ModelId { get; }

    /// <summary>The face with the detector's five <paramref name="landmarks"/> (in <paramref name="image"/> pixels) as the crop <see cref="Embed"/> takes.</summary>
    Mat Align(Mat image, IReadOnlyList<Point2f> landmarks);

    /// <summary>One L2-normalised vector per crop made by <see cref="Align"/>, in the same order.</summary>
    float[][] Embed(IReadOnlyList<Mat> alignedFaces);
}
