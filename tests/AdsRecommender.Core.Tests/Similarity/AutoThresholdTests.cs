using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Tests.Similarity;

public sealed class AutoThresholdTests
{
    private static SimilarityHistogram Mixture(int seed, params (int Count, double Mean, double Sd)[] modes)
    {
        var rng = new Random(seed);
        var h = new SimilarityHistogram();
        foreach (var (count, mean, sd) in modes)
            for (var i = 0; i < count; i++)
            {
                var g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                h.Add((float)Math.Clamp(mean + sd * g, -1, 1));
            }
        return h;
    }

    [Fact]
    public void A_small_same_person_mode_gives_a_threshold_between_the_modes()
    {
        // 100 videos: 4950 pairs, ~3% same person
        var h = Mixture(1, (4800, 0.12, 0.08), (150, 0.62, 0.07));
        var choice = AutoThreshold.Choose(h, videoCount: 100, defaultThreshold: 0.40f);
        Assert.StartsWith("auto: gmm", choice.Source);
        Assert.InRange(choice.Value, 0.33f, 0.52f);
    }

    [Fact]
    public void Too_few_videos_fall_back_to_the_default()
    {
        var h = Mixture(2, (30, 0.1, 0.1), (6, 0.7, 0.05));
        var choice = AutoThreshold.Choose(h, videoCount: 9, defaultThreshold: 0.40f);
        Assert.Equal(0.40f, choice.Value);
        Assert.StartsWith("default 0.40 (auto: only 9 videos", choice.Source);
    }

    [Fact]
    public void One_mode_only_falls_back_to_the_default()
    {
        var h = Mixture(3, (5000, 0.15, 0.1));
        var choice = AutoThreshold.Choose(h, videoCount: 100, defaultThreshold: 0.40f);
        Assert.Equal(0.40f, choice.Value);
        Assert.Contains("no separate same-person mode", choice.Source);
    }

    [Fact]
    public void An_extreme_split_is_clamped_to_the_safe_range()
    {
        var h = Mixture(4, (4000, 0.72, 0.03), (300, 0.97, 0.01));
        var choice = AutoThreshold.Choose(h, videoCount: 100, defaultThreshold: 0.40f);
        Assert.Equal(0.55f, choice.Value, 1e-6);
        Assert.Contains("clamped to 0.55", choice.Source);
    }

    [Fact]
    public void Otsu_splits_two_clear_modes()
    {
        var counts = new long[200];
        counts[100] = 1000;
        counts[170] = 50;
        var bin = AutoThreshold.Otsu(counts);
        Assert.InRange(bin, 101, 170);
        Assert.Equal(-1, AutoThreshold.Otsu(new long[200]));
    }
}
