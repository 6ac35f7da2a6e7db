using AdsRecommender.Core.Models;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// Finds and verifies the face model files once (one clear error if missing or corrupt), then creates the detector and the
/// recogniser <see cref="FaceModelOptions"/> asks for: the one place that maps settings to implementations, so another
/// kind of detector or recogniser is a new class and a case here.
/// </summary>
public sealed class FaceModelFactory
{
    public FaceModelFactory(FaceModelOptions options)
    {
        options.Validate();
        var dir = ModelCatalog.FindModelsDirectory(options.ModelsDirectory, options.DetectorFile);
        if (options.VerifyChecksums) ModelCatalog.Verify(dir, options.DetectorFile, options.RecognizerFile);
        else ModelCatalog.VerifyExists(dir, options.DetectorFile, options.RecognizerFile);
        Options = options;
        ModelsDirectory = dir;
    }

    public FaceModelOptions Options { get; }

    /// <summary>The folder the models are loaded from.</summary>
    public string ModelsDirectory { get; }

    /// <summary>True if one detector may be shared by concurrent calls (otherwise each call needs its own).</summary>
    public bool DetectorIsThreadSafe => Options.DetectorRuntime == DetectorRuntime.OnnxRuntime;

    /// <summary>A detector for <see cref="FaceModelOptions.DetectorFile"/> on <see cref="FaceModelOptions.DetectorRuntime"/>.</summary>
    public IFaceDetector CreateDetector()
    {
        var path = Path.Combine(ModelsDirectory, Options.DetectorFile);
        return Options.DetectorRuntime switch
        {
            DetectorRuntime.OnnxRuntime => new OnnxFaceDetector(path, Options.DetectorScoreThreshold, Options.DetectorNmsThreshold, Options.DetectorTopK, Options.IntraOpThreads),
            DetectorRuntime.OpenCv => new OpenCvFaceDetector(path, Options.DetectorScoreThreshold, Options.DetectorNmsThreshold, Options.DetectorTopK),
            _ => throw new ArgumentOutOfRangeException(nameof(Options), Options.DetectorRuntime, "unknown detector runtime"),
        };
    }

    /// <summary>The recogniser for <see cref="FaceModelOptions.RecognizerFile"/>.</summary>
    public IFaceEmbedder CreateEmbedder() => new OnnxFaceEmbedder(Path.Combine(ModelsDirectory, Options.RecognizerFile), Options);
}
