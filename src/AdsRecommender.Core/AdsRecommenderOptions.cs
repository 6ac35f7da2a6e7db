using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core;

/// <summary>
/// Settings bound once from configuration section <c>AdsRecommender</c> (env: <c>AdsRecommender__ModelsDirectory</c>, ...;
/// the CLI's flags are configuration overrides) by <see cref="ServiceCollectionExtensions.AddAdsRecommenderOptions"/>,
/// validated at start (<see cref="FirstProblem"/>) with the bad setting named.
/// </summary>
public sealed class AdsRecommenderOptions
{
    public const string Section = "AdsRecommender";

    /// <summary>
    /// The one models-folder setting (CLI: <c>--models</c>); null: <c>models/</c> above the program or the working folder,
    /// then <c>models</c> in the shared folder (<see cref="SharedFolder"/>; <see cref="Models.ModelCatalog.FindModelsDirectory(string?, string)"/>).
    /// </summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>Default threshold setting of a run: "default", "auto" or a cosine value.</summary>
    public ThresholdSetting Threshold { get; set; } = ThresholdSetting.Default;

    /// <summary>Largest download in bytes.</summary>
    public long MaxDownloadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Whole-download timeout.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Face analyses (decode + detect + embed) running at once in this process; defaults to the core count, fewer if
    /// memory allows fewer (<see cref="MemoryPerAnalysisBytes"/> each).
    /// </summary>
    public int MaxParallelAnalyses { get; set; } = DefaultParallelAnalyses();

    /// <summary>
    /// Activities (download, analysis, storage writes of one video) in flight at once in this process: more than
    /// <see cref="MaxParallelAnalyses"/>, so downloads and writes overlap the analyses; 0: four per analysis.
    /// </summary>
    public int MaxConcurrentActivities { get; set; }

    /// <summary>Memory one analysis may take at its peak (decoded frames, model buffers), for sizing the default parallelism.</summary>
    public const long MemoryPerAnalysisBytes = 300L * 1024 * 1024;

    /// <summary>The number of activity slots: <see cref="MaxConcurrentActivities"/>, or four per analysis.</summary>
    public int ActivitySlots => MaxConcurrentActivities > 0 ? MaxConcurrentActivities : 4 * MaxParallelAnalyses;

    public static int DefaultParallelAnalyses()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var byMemory = available > 0 ? (int)Math.Clamp(available / 2 / MemoryPerAnalysisBytes, 1, int.MaxValue) : int.MaxValue;
        return Math.Max(1, Math.Min(Environment.ProcessorCount, byMemory));
    }

    /// <summary>Where downloads are kept while analysed; null: the system temp folder.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>
    /// Face models and how to feed the recogniser (env: <c>AdsRecommender__Faces__RecognizerFile</c>,
    /// <c>..__EmbeddingSize</c>, <c>..__RecognizerMean</c>, <c>..__DetectorRuntime</c>, ...): another ONNX recogniser is a
    /// configuration change. The folder is <see cref="ModelsDirectory"/>.
    /// </summary>
    public FaceModelOptions Faces { get; set; } = new();

    /// <summary>Frame sampling, detection filters and tracking (env: <c>AdsRecommender__Sampling__FramesPerSecond</c>, <c>..__MaxFrames</c>, ...).</summary>
    public FaceSamplingOptions Sampling { get; set; } = new();

    /// <summary>The first setting out of range, named (null: all valid).</summary>
    public string? FirstProblem()
    {
        if (MaxDownloadBytes <= 0) return $"{Section}:MaxDownloadBytes must be positive.";
        if (DownloadTimeout <= TimeSpan.Zero) return $"{Section}:DownloadTimeout must be positive.";
        if (MaxParallelAnalyses < 1) return $"{Section}:MaxParallelAnalyses must be at least 1.";
        if (MaxConcurrentActivities < 0) return $"{Section}:MaxConcurrentActivities must be 0 (automatic) or more.";
        if (ModelsDirectory is not null && !Directory.Exists(ModelsDirectory))
            return $"{Section}:ModelsDirectory '{ModelsDirectory}' does not exist.";
        try
        {
            Faces.Validate();
            Sampling.Validate();
        }
        catch (ArgumentException e)
        {
            return $"{Section}: {e.Message}";
        }
        return null;
    }
}
