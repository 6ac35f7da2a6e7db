namespace AdsRecommender.Core.Faces;

/// <summary>
/// Which face models to load and how to feed the recogniser. Defaults: YuNet detector and the 128-d MobileFaceNet
/// (input <c>x</c> [N,3,112,112], RGB, (px-127.5)/127.5). Another ONNX recogniser can be configured with its input name,
/// size, normalisation, channel order and embedding size (README: the 512-d recogniser).
/// </summary>
public sealed class FaceModelOptions
{
    /// <summary>
    /// Folder holding the model files, set with <see cref="WithModelsDirectory"/> from the one setting
    /// <c>AdsRecommender:ModelsDirectory</c> (not bindable here); empty = found by <see cref="Models.ModelCatalog.FindModelsDirectory(string?, string)"/>.
    /// </summary>
    public string ModelsDirectory { get; private set; } = "";
    public string DetectorFile { get; set; } = "face_detection_yunet.onnx";
    public string RecognizerFile { get; set; } = "face_recognition_mobilefacenet_128.onnx";
    public int EmbeddingSize { get; set; } = 128;

    /// <summary>Recogniser input name; empty = the model's first input.</summary>
    public string RecognizerInputName { get; set; } = "x";
    /// <summary>Side of the square aligned crop the recogniser takes (the ArcFace template is scaled to it).</summary>
    public int RecognizerInputSize { get; set; } = 112;
    /// <summary>Subtracted from each pixel value (0..255) before scaling.</summary>
    public float RecognizerMean { get; set; } = 127.5f;
    /// <summary>Multiplied after subtracting the mean: value = (px - mean) * scale.</summary>
    public float RecognizerScale { get; set; } = 1f / 127.5f;
    /// <summary>True if the recogniser expects RGB channel order (frames are BGR).</summary>
    public bool RecognizerRgb { get; set; } = true;
    /// <summary>
    /// Largest batch sent to the recogniser at once (models with a fixed batch of 1 are run one face at a time). The vectors
    /// do not depend on it (bit-identical, tested); 2 was faster than 32 on the real videos and holds far less memory
    /// (docs/PERFORMANCE.md, "Real clips").
    /// </summary>
    public int MaxBatch { get; set; } = 2;
    /// <summary>Add the embedding of the horizontally mirrored crop (costs a second pass; see docs/CALIBRATION.md).</summary>
    public bool FlipAugment { get; set; }

    /// <summary>
    /// Also embed each person's best crop shrunk to <see cref="DegradedSide"/> px and 5x5 box-blurred (one extra embedding per
    /// person, <see cref="DetectedPerson.DegradedEmbedding"/>): the reference tiny blurred faces are compared with
    /// (docs/CALIBRATION.md, "Weak faces").
    /// </summary>
    public bool DegradedEmbedding { get; set; } = true;

    /// <summary>Side in pixels the crop is shrunk to for <see cref="DegradedEmbedding"/>.</summary>
    public int DegradedSide { get; set; } = 64;

    /// <summary>
    /// Load the recogniser with each constant-slope PRelu rewritten as slope*x + (1-slope)*Relu(x) (<see cref="Models.PReluRewriter"/>):
    /// the same embeddings, faster on ONNX Runtime's CPU provider (docs/PERFORMANCE.md). The file on disk is not changed.
    /// </summary>
    public bool RewritePRelu { get; set; } = true;

    /// <summary>ONNX Runtime intra-op threads per session; small because videos are analysed in parallel.</summary>
    public int IntraOpThreads { get; set; } = 1;
    /// <summary>Engine running the detector: ONNX Runtime (default) or OpenCV's FaceDetectorYN (the same faces, slower: docs/PERFORMANCE.md).</summary>
    public DetectorRuntime DetectorRuntime { get; set; } = DetectorRuntime.OnnxRuntime;
    /// <summary>Detector score threshold passed to YuNet (low-score faces are dropped again by <see cref="FaceSamplingOptions.MinScore"/>).</summary>
    public float DetectorScoreThreshold { get; set; } = 0.5f;
    public float DetectorNmsThreshold { get; set; } = 0.3f;
    public int DetectorTopK { get; set; } = 500;
    /// <summary>Verify model files against models/models.json before loading (files not listed there are only checked to exist).</summary>
    public bool VerifyChecksums { get; set; } = true;

    /// <summary>A copy with <see cref="ModelsDirectory"/> set.</summary>
    public FaceModelOptions WithModelsDirectory(string modelsDirectory)
    {
        var copy = (FaceModelOptions)MemberwiseClone();
        copy.ModelsDirectory = modelsDirectory;
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object value, string rule)
        {
            if (!ok) throw new ArgumentException($"FaceModelOptions.{name} = {value} is invalid: {rule}.");
        }
        Check(!string.IsNullOrWhiteSpace(DetectorFile), nameof(DetectorFile), DetectorFile, "a file name is required");
        Check(!string.IsNullOrWhiteSpace(RecognizerFile), nameof(RecognizerFile), RecognizerFile, "a file name is required");
        Check(EmbeddingSize is >= 16 and <= 4096, nameof(EmbeddingSize), EmbeddingSize, "must be 16..4096");
        Check(RecognizerInputSize is >= 32 and <= 512, nameof(RecognizerInputSize), RecognizerInputSize, "must be 32..512");
        Check(DegradedSide is >= 8 and <= 512, nameof(DegradedSide), DegradedSide, "must be 8..512");
        Check(RecognizerScale > 0 && float.IsFinite(RecognizerScale), nameof(RecognizerScale), RecognizerScale, "must be a positive number");
        Check(float.IsFinite(RecognizerMean), nameof(RecognizerMean), RecognizerMean, "must be a number");
        Check(MaxBatch is >= 1 and <= 1024, nameof(MaxBatch), MaxBatch, "must be 1..1024");
        Check(IntraOpThreads is >= 1 and <= 64, nameof(IntraOpThreads), IntraOpThreads, "must be 1..64");
        Check(DetectorScoreThreshold is > 0 and < 1, nameof(DetectorScoreThreshold), DetectorScoreThreshold, "must be in (0, 1)");
        Check(DetectorNmsThreshold is > 0 and < 1, nameof(DetectorNmsThreshold), DetectorNmsThreshold, "must be in (0, 1)");
        Check(Enum.IsDefined(DetectorRuntime), nameof(DetectorRuntime), DetectorRuntime, "must be OnnxRuntime or OpenCv");
        Check(DetectorTopK >= 1, nameof(DetectorTopK), DetectorTopK, "must be at least 1");
    }
}
