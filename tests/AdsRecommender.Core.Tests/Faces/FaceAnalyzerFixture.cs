using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Faces.Calibration;

namespace AdsRecommender.Core.Tests.Faces;

/// <summary>One analyzer (models loaded once) plus a detector and embedder for photos, shared by a test class.</summary>
public sealed class FaceAnalyzerFixture : IDisposable
{
    public FaceAnalyzerFixture()
    {
        Models = new FaceModelOptions();
        Sampling = new FaceSamplingOptions();
        var factory = new FaceModelFactory(Models);
        Analyzer = new VideoFaceAnalyzer(factory, Sampling);
        Detector = factory.CreateDetector();
        Embedder = new OnnxFaceEmbedder(Path.Combine(factory.ModelsDirectory, Models.RecognizerFile), Models);
        Photos = new PhotoFaces(Detector, Embedder);
    }

    public FaceModelOptions Models { get; }
    public FaceSamplingOptions Sampling { get; }
    public VideoFaceAnalyzer Analyzer { get; }
    public IFaceDetector Detector { get; }
    public OnnxFaceEmbedder Embedder { get; }
    public PhotoFaces Photos { get; }

    public void Dispose()
    {
        Analyzer.Dispose();
        Detector.Dispose();
        Embedder.Dispose();
    }
}
