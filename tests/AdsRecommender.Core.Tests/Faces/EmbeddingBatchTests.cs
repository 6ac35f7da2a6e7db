using AdsRecommender.Core.Faces;
using AdsRecommender.Testing;
using OpenCvSharp;

namespace AdsRecommender.Core.Tests.Faces;

/// <summary>
/// A face's embedding must not depend on the batch it is run in (the batch size is a speed and memory setting, stored
/// vectors and accuracy figures must not move with it): the same real faces embedded in batches of 32, 8 and 1 give
/// bit-identical vectors.
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class EmbeddingBatchTests(FaceAnalyzerFixture fx) : IClassFixture<FaceAnalyzerFixture>
{
    [Fact]
    public void Embeddings_are_bit_identical_whatever_the_batch_size()
    {
        var crops = Directory.EnumerateDirectories(SharedData.Photos).Order()
            .SelectMany(d => Directory.EnumerateFiles(d, "*.jpg").Order().Take(3))
            .Select(p => fx.Photos.AlignedLargestFace(p)).OfType<Mat>().Take(37).ToList();
        try
        {
            Assert.True(crops.Count >= 37, $"only {crops.Count} faces");
            var path = Path.Combine(SharedData.Models, fx.Models.RecognizerFile);
            var byBatch = new[] { 32, 8, 1 }.Select(batch =>
            {
                var options = new FaceModelOptions { MaxBatch = batch };
                using var embedder = new OnnxFaceEmbedder(path, options);
                return embedder.Embed(crops);
            }).ToList();
            for (var b = 1; b < byBatch.Count; b++)
            for (var i = 0; i < crops.Count; i++)
                Assert.True(byBatch[0][i].AsSpan().SequenceEqual(byBatch[b][i]), $"face {i}: batch setting {b} differs from batch 32");
        }
        finally
        {
            foreach (var c in crops) c.Dispose();
        }
    }
}
