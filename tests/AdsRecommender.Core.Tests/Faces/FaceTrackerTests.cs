using AdsRecommender.Core.Faces;
using OpenCvSharp;

namespace AdsRecommender.Core.Tests.Faces;

public sealed class FaceTrackerTests
{
    private static float[] Unit(int dim, params (int Axis, float Value)[] parts)
    {
        var v = new float[dim];
        foreach (var (axis, value) in parts) v[axis] = value;
        UnitVector.Normalize(v);
        return v;
    }

    private static List<FaceObservation> Sequence(params (int Ordinal, float X)[] items) =>
        items.Select((it, i) => new FaceObservation(it.Ordinal, new Rect2f(it.X, 0.2f, 0.3f, 0.5f), 0.9f, 0.5, i)).ToList();

    [Fact]
    public void A_steady_face_is_one_track_and_only_every_third_observation_is_embedded()
    {
        var obs = Sequence(Enumerable.Range(0, 10).Select(i => (i, 0.30f + 0.005f * i)).ToArray());
        var asked = new List<int>();
        var tracks = new FaceTracker(new FaceSamplingOptions { EmbedBest = 0, EmbedStride = 3 }).Build(obs, idx =>
        {
            asked.AddRange(idx);
            return idx.Select(_ => Unit(8, (0, 1))).ToArray();
        });
        var track = Assert.Single(tracks);
        Assert.Equal(10, track.FrameCount);
        Assert.Equal([0, 3, 6, 9], asked.Order());
        Assert.Equal(4, track.EmbeddedCount);
    }

    [Fact]
    public void A_hard_cut_to_another_person_at_the_same_place_splits_the_track()
    {
        var obs = Sequence(Enumerable.Range(0, 8).Select(i => (i, 0.3f)).ToArray());
        var tracks = new FaceTracker(new FaceSamplingOptions()).Build(obs,
            idx => idx.Select(i => i < 5 ? Unit(8, (0, 1)) : Unit(8, (1, 1))).ToArray());
        Assert.Equal(2, tracks.Count);
        Assert.Equal([5, 3], tracks.Select(t => t.FrameCount).OrderDescending());
        Assert.Contains(tracks, t => t.Observations.All(o => o.Ordinal < 5));
    }

    [Fact]
    public void A_face_returning_elsewhere_after_a_gap_joins_its_track_but_two_faces_seen_together_never_merge()
    {
        // person A on the left in samples 0-2, again on the right in 6-8; person B (similar but distinct) beside A in 0-2
        var items = new List<(int, float)>();
        for (var i = 0; i < 3; i++) { items.Add((i, 0.05f)); items.Add((i, 0.6f)); }
        for (var i = 6; i < 9; i++) items.Add((i, 0.6f));
        var obs = Sequence(items.ToArray());
        var a = Unit(8, (0, 1));
        var b = Unit(8, (0, 1), (1, 1)); // cosine 0.71 with a: above the re-appear threshold
        var tracks = new FaceTracker(new FaceSamplingOptions()).Build(obs,
            idx => idx.Select(i => obs[i].Ordinal < 3 && obs[i].Box.X > 0.5f ? b : a).ToArray());
        Assert.Equal(2, tracks.Count);
        Assert.Equal([6, 3], tracks.Select(t => t.FrameCount).OrderDescending());
    }

    [Fact]
    public void With_best_few_a_steady_face_embeds_its_ends_and_best_ranked_and_its_vector_is_the_mean_of_the_best()
    {
        // 12 samples of one face; the ranking prefers samples 4 and 7; the ends (0, 11) are embedded to see a cut
        var obs = Sequence(Enumerable.Range(0, 12).Select(i => (i, 0.30f + 0.005f * i)).ToArray());
        var asked = new List<int>();
        var tracks = new FaceTracker(new FaceSamplingOptions { EmbedBest = 2, EmbedStride = 3 }).Build(obs, idx =>
        {
            asked.AddRange(idx);
            return idx.Select(i => i is 4 or 7 ? Unit(8, (0, 1)) : Unit(8, (0, 1), (1, 0.5f))).ToArray(); // the ends look alike, a bit off
        }, rank: i => i is 4 or 7 ? 1 : 0);
        var track = Assert.Single(tracks);
        Assert.Equal(12, track.FrameCount);
        Assert.Equal([0, 4, 7, 11], asked.Order());
        Assert.Equal(2, track.EmbeddedCount);
        Assert.Equal(1f, track.MeanEmbedding[0], 5); // the best two only, not the ends
    }

    [Fact]
    public void With_best_few_a_short_tracklet_embeds_no_more_than_every_third_would()
    {
        var obs = Sequence(Enumerable.Range(0, 5).Select(i => (i, 0.3f)).ToArray());
        var asked = new List<int>();
        new FaceTracker(new FaceSamplingOptions { EmbedBest = 3, EmbedStride = 3 }).Build(obs, idx =>
        {
            asked.AddRange(idx);
            return idx.Select(_ => Unit(8, (0, 1))).ToArray();
        }, rank: i => i == 2 ? 1 : 0);
        Assert.Equal([0, 2, 4], asked.Order()); // every third: 0, 3, 4; the best one in place of 3
    }

    [Fact]
    public void With_best_few_a_hard_cut_between_the_picks_still_splits_the_track()
    {
        var obs = Sequence(Enumerable.Range(0, 12).Select(i => (i, 0.3f)).ToArray());
        var tracks = new FaceTracker(new FaceSamplingOptions { EmbedBest = 1, EmbedStride = 3 }).Build(obs,
            idx => idx.Select(i => i < 5 ? Unit(8, (0, 1)) : Unit(8, (1, 1))).ToArray(), rank: i => i == 2 ? 1 : 0);
        Assert.Equal([7, 5], tracks.Select(t => t.FrameCount).OrderDescending());
        Assert.Contains(tracks, t => t.Observations.All(o => o.Ordinal < 5) && t.MeanEmbedding[0] > 0.99f);
        Assert.Contains(tracks, t => t.Observations.All(o => o.Ordinal >= 5) && t.MeanEmbedding[1] > 0.99f);
    }

    [Fact]
    public void IoU_of_identical_disjoint_and_half_overlapping_boxes()
    {
        var box = new Rect2f(0, 0, 2, 2);
        Assert.Equal(1.0, FaceTracker.IoU(box, box), 6);
        Assert.Equal(0.0, FaceTracker.IoU(box, new Rect2f(3, 3, 1, 1)), 6);
        Assert.Equal(1 / 3.0, FaceTracker.IoU(box, new Rect2f(1, 0, 2, 2)), 6);
    }
}
