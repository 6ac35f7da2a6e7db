namespace AdsRecommender.Core.Faces;

/// <summary>Creates the detector <see cref="FaceModelOptions.DetectorRuntime"/> asks for.</summary>
public static class FaceDetectorFactory
{
    /// <summary>A detector for <see cref="FaceModelOptions.DetectorFile"/> in <paramref name="modelsDirectory"/>.</summary>
    public static IFaceDetector Create(FaceModelOptions options, string modelsDirectory)
    {
        var path = Path.Combine(modelsDirectory, options.DetectorFile);
        return options.DetectorRuntime switch
        {
            DetectorRuntime.OnnxRuntime => new OnnxFaceDetector(path, options.DetectorScoreThreshold, options.DetectorNmsThreshold, options.DetectorTopK, options.IntraOpThreads),
            DetectorRuntime.OpenCv => new OpenCvFaceDetector(path, options.DetectorScoreThreshold, options.DetectorNmsThreshold, options.DetectorTopK),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.DetectorRuntime, "unknown detector runtime"),
        };
    }

    /// <summary>True if one detector of this runtime may be shared by concurrent calls.</summary>
    public static bool IsThreadSafe(DetectorRuntime runtime) => runtime == DetectorRuntime.OnnxRuntime;
}
