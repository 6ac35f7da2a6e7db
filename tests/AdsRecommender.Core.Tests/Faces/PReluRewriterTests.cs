using System.Numerics.Tensors;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Models;
using AdsRecommender.Testing;
using Onnx;
using OpenCvSharp;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Faces;

[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class PReluRewriterTests(FaceAnalyzerFixture fx, ITestOutputHelper output) : IClassFixture<FaceAnalyzerFixture>
{
    private static string ModelPath(string file) => Path.Combine(SharedData.Models, file);

    [Theory]
    [InlineData("face_recognition_mobilefacenet_128.onnx")]
    [InlineData("face_recognition_mobilefacenet_512.onnx")]
    public void Every_PRelu_of_the_recognisers_is_replaced(string file)
    {
        var (model, replaced) = PReluRewriter.Rewrite(File.ReadAllBytes(ModelPath(file)));
        Assert.Equal(33, replaced);
        var graph = ModelProto.Parser.ParseFrom(model).Graph;
        Assert.DoesNotContain(graph.Node, n => n.OpType == "PRelu");
        Assert.Equal(33 * 2, graph.Node.Count(n => n.OpType == "Mul"));
        Assert.Equal(33, graph.Node.Count(n => n.OpType == "Relu"));
    }

    [Fact]
    public void A_model_without_PRelu_is_returned_unchanged_and_a_non_model_is_refused()
    {
        var yunet = File.ReadAllBytes(ModelPath("face_detection_yunet.onnx"));
        var (model, replaced) = PReluRewriter.Rewrite(yunet);
        Assert.Equal(0, replaced);
        Assert.Same(yunet, model);
        Assert.Throws<ModelFileException>(() => PReluRewriter.Rewrite("<html>not a model</html>"u8.ToArray()));
    }

    [Fact]
    public void The_embedder_reports_the_hash_of_the_file_on_disk_not_of_the_rewritten_graph()
    {
        var listed = File.ReadLines(Path.Combine(SharedData.Models, "SHA256SUMS"))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Single(parts => parts[^1].TrimStart('*') == "face_recognition_mobilefacenet_128.onnx")[0];
        Assert.Equal(listed, fx.Embedder.ModelSha256);
        Assert.Equal(33, fx.Embedder.PReluReplaced);
        // stored with every video's vectors: a rerun reuses only vectors whose id is the same string
        Assert.Equal($"face_recognition_mobilefacenet_128.onnx@{listed[..16]};d=128;in=112;mean=127.5;scale=0.007843138;rgb=True;flip=False;degraded=64",
            fx.Analyzer.EmbeddingModelId);
    }

    [Fact]
    public void A_graph_older_than_opset_7_is_left_alone()
    {
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelPath("face_recognition_mobilefacenet_128.onnx")));
        proto.OpsetImport.Single(o => string.IsNullOrEmpty(o.Domain)).Version = 6;
        var old = Google.Protobuf.MessageExtensions.ToByteArray(proto);
        var (model, replaced) = PReluRewriter.Rewrite(old);
        Assert.Equal(0, replaced);
        Assert.Same(old, model);
    }

    [Fact]
    public void The_rewritten_recogniser_gives_the_same_embeddings_on_real_faces()
    {
        var options = new FaceModelOptions();
        using var plain = new OnnxFaceEmbedder(ModelPath(options.RecognizerFile), new FaceModelOptions { RewritePRelu = false });
        Assert.Equal(0, plain.PReluReplaced);
        Assert.Equal(33, fx.Embedder.PReluReplaced);
        var crops = Directory.EnumerateDirectories(SharedData.Photos).Order()
            .SelectMany(d => Directory.EnumerateFiles(d, "*.jpg").Order().Take(2))
            .Select(p => fx.Photos.AlignedLargestFace(p)).OfType<Mat>().ToList();
        try
        {
            Assert.True(crops.Count >= 20, $"only {crops.Count} faces");
            var expected = plain.Embed(crops);
            var actual = fx.Embedder.Embed(crops);
            var worst = expected.Zip(actual, (e, a) => TensorPrimitives.CosineSimilarity(e, a)).Min();
            output.WriteLine($"{crops.Count} faces: lowest cosine between plain and rewritten embeddings {worst:F7}");
            Assert.InRange(worst, 0.99999f, 1.00001f);
        }
        finally
        {
            foreach (var c in crops) c.Dispose();
        }
    }
}
