using AdsRecommender.Core.Faces;
using BenchmarkDotNet.Attributes;

namespace AdsRecommender.Benchmarks;

/// <summary>
/// One 640x360 frame through YuNet (OpenCV's FaceDetectorYN vs ONNX Runtime with C# decoding) and one aligned face through
/// MobileFaceNet (as shipped vs with PRelu rewritten), single-threaded as in the pipeline.
/// </summary>
public class FaceModelBenchmarks
{
    private FaceBenchData data = null!;
    private OpenCvFaceDetector openCv = null!;
    private OnnxFaceDetector onnx = null!;
    private OnnxFaceEmbedder plain = null!;
    private OnnxFaceEmbedder rewritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        data = FaceBenchData.TryLoad(out var reason) ?? throw new InvalidOperationException(reason);
        var options = new FaceModelOptions();
        var detector = Path.Combine(data.ModelsDirectory, options.DetectorFile);
        var recognizer = Path.Combine(data.ModelsDirectory, options.RecognizerFile);
        OpenCvSharp.Cv2.SetNumThreads(1);
        openCv = new OpenCvFaceDetector(detector);
        onnx = new OnnxFaceDetector(detector);
        plain = new OnnxFaceEmbedder(recognizer, new FaceModelOptions { RewritePRelu = false });
        rewritten = new OnnxFaceEmbedder(recognizer, options);
    }

    [Benchmark(Baseline = true)]
    public int DetectOpenCv() => openCv.Detect(data.Frame).Count;

    [Benchmark]
    public int DetectOnnxRuntime() => onnx.Detect(data.Frame).Count;

    [Benchmark]
    public float EmbedAsShipped() => plain.Embed([data.Crop])[0][0];

    [Benchmark]
    public float EmbedPReluRewritten() => rewritten.Embed([data.Crop])[0][0];

    [GlobalCleanup]
    public void Cleanup()
    {
        openCv.Dispose();
        onnx.Dispose();
        plain.Dispose();
        rewritten.Dispose();
        data.Dispose();
    }
}
