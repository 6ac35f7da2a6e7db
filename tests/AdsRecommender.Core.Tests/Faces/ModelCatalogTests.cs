using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Models;

namespace AdsRecommender.Core.Tests.Faces;

public sealed class ModelCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adsrec-models-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Installed_models_are_found_and_match_their_checksums()
    {
        var dir = ModelCatalog.FindModelsDirectory();
        ModelCatalog.Verify(dir, "face_detection_yunet.onnx", "face_recognition_mobilefacenet_128.onnx", "face_recognition_mobilefacenet_512.onnx");
        Assert.Equal(3, ModelCatalog.Manifest.Count);
        Assert.All(ModelCatalog.Manifest.Values, m => Assert.Matches("^[0-9a-f]{64}$", m.Sha256));
    }

    [Fact]
    public void A_model_file_with_a_wrong_checksum_is_refused_with_the_file_name_and_how_to_install()
    {
        var real = ModelCatalog.FindModelsDirectory();
        File.Copy(Path.Combine(real, "face_detection_yunet.onnx"), Path.Combine(_dir, "face_detection_yunet.onnx"));
        var bytes = File.ReadAllBytes(Path.Combine(real, "face_recognition_mobilefacenet_128.onnx"));
        bytes[bytes.Length / 2] ^= 0x5A; // one flipped byte
        File.WriteAllBytes(Path.Combine(_dir, "face_recognition_mobilefacenet_128.onnx"), bytes);

        var e = Assert.Throws<ModelFileException>(() => new VideoFaceAnalyzer(new FaceModelOptions().WithModelsDirectory(_dir), new FaceSamplingOptions()));
        Assert.Contains("face_recognition_mobilefacenet_128.onnx", e.Message);
        Assert.Contains("corrupt", e.Message);
        Assert.Contains("models/install.sh", e.Message);
        Assert.EndsWith("face_recognition_mobilefacenet_128.onnx", e.FilePath);
    }

    [Fact]
    public void A_missing_model_file_is_reported_by_name()
    {
        var real = ModelCatalog.FindModelsDirectory();
        File.Copy(Path.Combine(real, "face_recognition_mobilefacenet_128.onnx"), Path.Combine(_dir, "face_recognition_mobilefacenet_128.onnx"));
        var e = Assert.Throws<ModelFileException>(() => ModelCatalog.Verify(_dir, "face_detection_yunet.onnx", "face_recognition_mobilefacenet_128.onnx"));
        Assert.Contains("face_detection_yunet.onnx is missing", e.Message);
        Assert.Contains("models/install.sh", e.Message);
    }

    [Fact]
    public void A_configured_models_folder_that_does_not_exist_is_refused()
    {
        var e = Assert.Throws<ModelFileException>(() => ModelCatalog.FindModelsDirectory(Path.Combine(_dir, "nope")));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Out_of_range_options_are_refused_before_any_model_is_loaded()
    {
        var e = Assert.Throws<ArgumentException>(() => new VideoFaceAnalyzer(new FaceModelOptions { EmbeddingSize = 0 }, new FaceSamplingOptions()));
        Assert.Contains("EmbeddingSize", e.Message);
        e = Assert.Throws<ArgumentException>(() => new VideoFaceAnalyzer(new FaceModelOptions(), new FaceSamplingOptions { FramesPerSecond = 0 }));
        Assert.Contains("FramesPerSecond", e.Message);
    }
}
