using AdsRecommender.Core.Faces;
using OpenCvSharp;

namespace AdsRecommender.Core.Tests.Faces;

public sealed class YuNetDecoderTests
{
    private static FaceDetection Face(float x, float y, float w, float h, float score) =>
        new(new Rect2f(x, y, w, h), [new(x, y), new(x, y), new(x, y), new(x, y), new(x, y)], score);

    [Fact]
    public void Suppression_keeps_the_best_of_overlapping_boxes_and_every_separate_one()
    {
        var faces = new List<FaceDetection> { Face(10, 10, 100, 100, 0.8f), Face(12, 11, 100, 100, 0.9f), Face(300, 10, 50, 50, 0.7f) };
        var kept = YuNetDecoder.Suppress(faces, 0.5f, 0.3f, 500);
        Assert.Equal([0.9f, 0.7f], kept.Select(f => f.Score));
    }

    [Fact]
    public void Suppression_drops_scores_not_above_the_threshold_and_keeps_only_the_top_k()
    {
        var faces = new List<FaceDetection> { Face(0, 0, 10, 10, 0.5f), Face(100, 0, 10, 10, 0.6f), Face(200, 0, 10, 10, 0.9f), Face(300, 0, 10, 10, 0.7f) };
        Assert.Equal([0.9f, 0.7f, 0.6f], YuNetDecoder.Suppress(faces, 0.5f, 0.3f, 500).Select(f => f.Score));
        Assert.Equal([0.9f, 0.7f], YuNetDecoder.Suppress(faces, 0.5f, 0.3f, 2).Select(f => f.Score));
    }

    [Fact]
    public void Overlap_is_intersection_over_union_of_truncated_boxes()
    {
        Assert.Equal(1f, YuNetDecoder.Overlap(new Rect(0, 0, 10, 10), new Rect(0, 0, 10, 10)));
        Assert.Equal(0f, YuNetDecoder.Overlap(new Rect(0, 0, 10, 10), new Rect(10, 0, 10, 10)));
        Assert.Equal(50f / 150f, YuNetDecoder.Overlap(new Rect(0, 0, 10, 10), new Rect(5, 0, 10, 10)), 6);
        Assert.Equal(1f, YuNetDecoder.Overlap(new Rect(0, 0, 0, 0), new Rect(3, 3, 0, 0)));
    }

    [Fact]
    public void Candidates_decode_cell_offsets_and_log_sizes_per_stride()
    {
        // a 2x1 grid at stride 8: only the second cell scores
        float[] cls = [0.1f, 0.81f], obj = [0.1f, 1.5f]; // obj is clamped to 1
        float[] bbox = [0, 0, 0, 0, 0.5f, 0.25f, MathF.Log(2), 0];
        var kps = new float[20];
        for (var n = 0; n < 5; n++) { kps[10 + 2 * n] = n * 0.1f; kps[11 + 2 * n] = 1; }
        var found = new List<FaceDetection>();
        YuNetDecoder.AddCandidates(new YuNetDecoder.Head(cls, obj, bbox, kps), 8, 2, 1, 0.5f, found);
        var f = Assert.Single(found);
        Assert.Equal(0.9f, f.Score, 5);
        Assert.Equal(12f - 8f, f.Box.X, 4);   // centre (1 + 0.5) * 8 = 12, width 2 * 8 = 16
        Assert.Equal(2f - 4f, f.Box.Y, 4);    // centre 0.25 * 8 = 2, height 8
        Assert.Equal(16f, f.Box.Width, 4);
        Assert.Equal(8f, f.Box.Height, 4);
        Assert.Equal(new Point2f(8f + 0.8f, 8f), f.Landmarks[1]);
    }
}
