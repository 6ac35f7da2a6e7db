using AdsRecommender.Core.Faces;
using AdsRecommender.Testing;
using OpenCvSharp;

namespace AdsRecommender.Core.Tests.Faces;

[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class FaceAlignerTests(FaceAnalyzerFixture fx) : IClassFixture<FaceAnalyzerFixture>
{
    [Fact]
    public void Similarity_transform_recovers_a_known_rotation_scale_and_shift()
    {
        var template = OnnxFaceEmbedder.ArcFaceTemplate112;
        double angle = 0.3, scale = 2.5, tx = 40, ty = -12;
        var moved = template.Select(p => new Point2f(
            (float)(scale * (Math.Cos(angle) * p.X - Math.Sin(angle) * p.Y) + tx),
            (float)(scale * (Math.Sin(angle) * p.X + Math.Cos(angle) * p.Y) + ty))).ToArray();
        var m = FaceAligner.EstimateSimilarity(moved, template);
        for (var i = 0; i < template.Count; i++)
        {
            var x = m[0, 0] * moved[i].X + m[0, 1] * moved[i].Y + m[0, 2];
            var y = m[1, 0] * moved[i].X + m[1, 1] * moved[i].Y + m[1, 2];
            Assert.Equal(template[i].X, x, 0.01);
            Assert.Equal(template[i].Y, y, 0.01);
        }
        Assert.Equal(1 / scale, Math.Sqrt(m[0, 0] * m[0, 0] + m[1, 0] * m[1, 0]), 0.0001);
    }

    [Theory]
    [InlineData("barack_obama", 1)]
    [InlineData("colin_powell", 2)]
    [InlineData("katy_perry", 5)]
    public void Aligned_crop_puts_the_detected_eyes_near_the_template(string identity, int n)
    {
        using var crop = fx.Photos.AlignedLargestFace(SharedData.Photo(identity, n));
        Assert.NotNull(crop);
        Assert.Equal(new Size(112, 112), crop!.Size());
        // detect again inside the aligned crop (padded, since YuNet needs some context around the face)
        using var padded = new Mat();
        Cv2.CopyMakeBorder(crop, padded, 56, 56, 56, 56, BorderTypes.Constant, Scalar.All(0));
        var again = fx.Detector.Detect(padded).MaxBy(f => f.Score);
        Assert.NotNull(again);
        var template = fx.Embedder.Template;
        for (var k = 0; k < 2; k++)
        {
            var dx = again!.Landmarks[k].X - 56 - template[k].X;
            var dy = again.Landmarks[k].Y - 56 - template[k].Y;
            Assert.True(Math.Sqrt(dx * dx + dy * dy) < 6, $"eye {k} is {Math.Sqrt(dx * dx + dy * dy):F1} px from the template");
        }
    }
}
