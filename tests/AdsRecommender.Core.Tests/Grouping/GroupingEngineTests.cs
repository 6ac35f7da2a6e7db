using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Tests.Similarity;

namespace AdsRecommender.Core.Tests.Grouping;

public sealed class GroupingEngineTests
{
    private readonly SyntheticFaces faces = new(42);

    private static GroupingOptions Fixed(float t, bool multiFace = true, bool guard = true) =>
        new() { Threshold = ThresholdSetting.Fixed(t), MultiFace = multiFace, ChainingGuard = guard, MaxDegreeOfParallelism = 1 };

    private static VideoFaceSet Video(string id, double perf, params float[][] faces) => new(id, perf, faces[0], faces);

    [Fact]
    public void Videos_of_the_same_person_form_one_group_each_sorted_by_size_then_performance()
    {
        var a = faces.Identity();
        var b = faces.Identity();
        var c = faces.Identity();
        var videos = new List<VideoFaceSet>
        {
            Video("video(0)", 1.0, faces.Sample(a)), Video("video(1)", 5.0, faces.Sample(b)), Video("video(2)", 2.0, faces.Sample(c)),
            Video("video(3)", 3.0, faces.Sample(a)), Video("video(4)", 6.0, faces.Sample(b)), Video("video(5)", 4.0, faces.Sample(c)),
            Video("video(6)", 9.0, faces.Sample(a)), Video("video(7)", 0.5, faces.Identity()),
        };

        var r = ResultProjection.Group(videos, Fixed(0.5f));

        Assert.Equal(3, r.Groups.Count);
        Assert.Equal(["video(0)", "video(3)", "video(6)"], r.Groups[0].Videos);
        Assert.Equal(["video(1)", "video(4)"], r.Groups[1].Videos); // mean 5.5 before c's 3.0
        Assert.Equal(["video(2)", "video(5)"], r.Groups[2].Videos);
        Assert.Equal([1, 2, 3], r.Groups.Select(g => g.Number));
        Assert.Equal(13.0 / 3, r.Groups[0].AveragePerformance, 1e-9);
        Assert.Equal(["video(7)"], r.Ungrouped);
        Assert.Equal("fixed 0.50", r.ThresholdSource);
        Assert.Equal(5, r.Pairs.Count); // 3 (a) + 1 (b) + 1 (c)
        Assert.True(r.Pairs.Zip(r.Pairs.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
    }

    [Fact]
    public void A_bridge_face_does_not_chain_two_people_into_one_group()
    {
        var a = faces.Identity();
        var c = faces.Identity();
        var videos = new List<VideoFaceSet>();
        for (var i = 0; i < 4; i++) videos.Add(Video($"a{i}", 1, faces.Sample(a, 0.3)));
        for (var i = 0; i < 4; i++) videos.Add(Video($"c{i}", 2, faces.Sample(c, 0.3)));
        var bridge = SyntheticFaces.Mix(a, c); // cos ~0.7 with both, A and C ~0 apart
        videos.Add(Video("bridge", 3, bridge));

        var chained = ResultProjection.Group(videos, Fixed(0.5f, guard: false));
        Assert.Single(chained.Groups);
        Assert.Equal(9, chained.Groups[0].Videos.Count);

        var guarded = ResultProjection.Group(videos, Fixed(0.5f));
        Assert.Equal(2, guarded.Groups.Count);
        Assert.DoesNotContain(guarded.Groups, g => g.Videos.Any(v => v.StartsWith('a')) && g.Videos.Any(v => v.StartsWith('c')));
        Assert.Contains(guarded.Groups, g => new[] { "a0", "a1", "a2", "a3" }.All(g.Videos.Contains));
        Assert.Contains(guarded.Groups, g => new[] { "c0", "c1", "c2", "c3" }.All(g.Videos.Contains));
        Assert.Equal(1, guarded.SplitComponents);
    }

    [Fact]
    public void The_guard_keeps_genuine_noisy_clusters_whole()
    {
        var people = Enumerable.Range(0, 5).Select(_ => faces.Identity()).ToArray();
        var videos = Enumerable.Range(0, 40).Select(i => Video($"v{i}", i, faces.Sample(people[i % 5], 0.8))).ToList();

        var r = ResultProjection.Group(videos, Fixed(0.4f));

        Assert.Equal(5, r.Groups.Count);
        Assert.All(r.Groups, g => Assert.Equal(8, g.Videos.Count));
        Assert.All(r.Groups, g => Assert.Single(g.Videos.Select(v => int.Parse(v[1..]) % 5).Distinct()));
        Assert.Equal(0, r.SplitComponents);
        Assert.Empty(r.Ungrouped);
    }

    [Fact]
    public void A_secondary_face_links_videos_but_pairs_stay_primary_to_primary()
    {
        var anna = faces.Identity();
        var ben = faces.Identity();
        var videos = new List<VideoFaceSet>
        {
            Video("x", 10, faces.Sample(anna), faces.Sample(ben)), // Anna up front, Ben in the background
            Video("y", 20, faces.Sample(ben)),
            Video("z", 30, faces.Sample(ben)),
            Video("w", 40, faces.Sample(anna)),
        };

        var r = ResultProjection.Group(videos, Fixed(0.5f));

        Assert.Equal(2, r.Groups.Count);
        Assert.Equal(["x", "y", "z"], r.Groups[0].Videos);
        Assert.Equal(["x", "w"], r.Groups[1].Videos);
        Assert.Equal([1, 0, 0], r.Groups[0].FaceIndexes); // Ben is x's second face
        Assert.Equal([0, 0], r.Groups[1].FaceIndexes);
        Assert.Equal(
            new[] { ("x", "w"), ("y", "z") }.OrderBy(p => p),
            r.Pairs.Select(p => (p.Video1, p.Video2)).OrderBy(p => p));
        Assert.Equal(25.0, r.Pairs.Single(p => p.Video1 == "x").AveragePerformance);

        var primaryOnly = ResultProjection.Group(videos, Fixed(0.5f, multiFace: false));
        Assert.Equal(2, primaryOnly.Groups.Count);
        Assert.DoesNotContain(primaryOnly.Groups, g => g.Videos.Contains("x") && g.Videos.Contains("y"));
    }

    [Fact]
    public void Two_people_who_always_appear_together_are_one_group()
    {
        var p = faces.Identity();
        var q = faces.Identity();
        var videos = new List<VideoFaceSet>
        {
            Video("v0", 1, faces.Sample(p), faces.Sample(q)),
            Video("v1", 2, faces.Sample(q), faces.Sample(p)),
        };
        var r = ResultProjection.Group(videos, Fixed(0.5f));
        var g = Assert.Single(r.Groups);
        Assert.Equal(2, g.People);
        Assert.Equal(["v0", "v1"], g.Videos);
    }

    [Fact]
    public void Videos_without_a_face_never_appear_in_groups_pairs_or_ungrouped()
    {
        var a = faces.Identity();
        var videos = new List<VideoFaceSet>
        {
            Video("v0", 1, faces.Sample(a)),
            new("noface", 100, [], []),
            Video("v1", 3, faces.Sample(a)),
        };
        var r = ResultProjection.Group(videos, Fixed(0.5f));
        Assert.DoesNotContain(r.Groups.SelectMany(g => g.Videos), v => v == "noface");
        Assert.DoesNotContain("noface", r.Ungrouped);
        Assert.DoesNotContain(r.Pairs, p => p.Video1 == "noface" || p.Video2 == "noface");
        Assert.Equal(2.0, r.Overall!.Mean);
        Assert.Equal(2, r.VideoCount);
    }

    [Fact]
    public void Default_and_auto_thresholds_report_their_source()
    {
        var people = Enumerable.Range(0, 8).Select(_ => faces.Identity()).ToArray();
        var videos = Enumerable.Range(0, 60).Select(i => Video($"v{i}", i, faces.Sample(people[i % 8], 0.7))).ToList();

        var byDefault = ResultProjection.Group(videos, new GroupingOptions { DefaultThreshold = 0.45f });
        Assert.Equal(0.45f, byDefault.Threshold);
        Assert.Equal("default 0.45", byDefault.ThresholdSource);

        var auto = ResultProjection.Group(videos, new GroupingOptions { Threshold = ThresholdSetting.Auto, DefaultThreshold = 0.40f });
        Assert.StartsWith("auto: gmm ", auto.ThresholdSource);
        Assert.DoesNotContain("clamped", auto.ThresholdSource);
        // Second method: the test knows who is who, so it fits one normal to the same-person similarities and one to the
        // rest directly (no histogram, no EM) and takes the point between the means where the two weighted densities meet.
        Assert.Equal(LabelledCrossing(videos, i => i % 8), auto.Threshold, 0.02);
        Assert.Equal(8, auto.Groups.Count);
        Assert.Equal(60L * 59 / 2, auto.Histogram.Total);

        var few = ResultProjection.Group(videos.Take(5).ToList(), new GroupingOptions { Threshold = ThresholdSetting.Auto });
        Assert.Equal(GroupingOptions.FallbackDefaultThreshold, few.Threshold);
        Assert.Contains("only 5 videos", few.ThresholdSource);
    }

    private static double LabelledCrossing(List<VideoFaceSet> videos, Func<int, int> person)
    {
        var same = new List<double>();
        var other = new List<double>();
        for (var i = 0; i < videos.Count; i++)
        for (var j = i + 1; j < videos.Count; j++)
            (person(i) == person(j) ? same : other).Add(SyntheticFaces.Cos(videos[i].Primary, videos[j].Primary));
        var (w1, m1, s1) = Moments(other, videos.Count * (videos.Count - 1) / 2);
        var (w2, m2, s2) = Moments(same, videos.Count * (videos.Count - 1) / 2);
        double LogDensityGap(double x) =>
            Math.Log(w2 / s2) - (x - m2) * (x - m2) / (2 * s2 * s2) - (Math.Log(w1 / s1) - (x - m1) * (x - m1) / (2 * s1 * s1));
        double lo = m1, hi = m2; // below the crossing the different-person density dominates
        for (var k = 0; k < 60; k++)
        {
            var mid = (lo + hi) / 2;
            if (LogDensityGap(mid) >= 0) hi = mid; else lo = mid;
        }
        return hi;
    }

    private static (double Weight, double Mean, double Sd) Moments(List<double> xs, int total)
    {
        var mean = xs.Average();
        return ((double)xs.Count / total, mean, Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / xs.Count));
    }

    [Fact]
    public void Duplicate_video_ids_and_mixed_vector_lengths_are_rejected()
    {
        var a = faces.Identity();
        Assert.Throws<ArgumentException>(() => ResultProjection.Group([Video("v", 1, a), Video("v", 2, a)], Fixed(0.5f)));
        Assert.Throws<ArgumentException>(() => ResultProjection.Group([Video("v", 1, a), Video("w", 2, new float[64])], Fixed(0.5f)));
    }

    [Fact]
    public void Empty_input_gives_an_empty_result()
    {
        var r = ResultProjection.Group([], Fixed(0.5f));
        Assert.Empty(r.Groups);
        Assert.Empty(r.Pairs);
        Assert.Empty(r.Ungrouped);
    }

    [Fact]
    public void A_weak_face_is_compared_with_degraded_centroids_when_every_member_has_one()
    {
        // people A and B in three clips each; their degraded references are other directions (a2, b2) than their sharp faces,
        // and the weak clip looks like A's degraded reference only
        var (a, a2, b, b2) = (faces.Identity(), faces.Identity(), faces.Identity(), faces.Identity());
        VideoFaceSet Clip(string id, float[] sharp, float[] low) => Video(id, 1, faces.Sample(sharp, 0.3)) with { DegradedFaces = [faces.Sample(low, 0.3)] };
        var videos = new List<VideoFaceSet>();
        for (var i = 0; i < 3; i++) videos.Add(Clip($"a{i}", a, a2));
        for (var i = 0; i < 3; i++) videos.Add(Clip($"b{i}", b, b2));
        videos.Add(Clip("weak", a2, a2));

        var r = ResultProjection.Group(videos, Fixed(0.5f));
        Assert.Equal(1, r.AttachedWeakFaces);
        Assert.Contains(r.Groups, g => g.Videos.SequenceEqual(["a0", "a1", "a2", "weak"]));

        // one member without a degraded embedding (an older run): the plain centroids apply and the weak face stays out
        videos[0] = videos[0] with { DegradedFaces = null };
        var old = ResultProjection.Group(videos, Fixed(0.5f));
        Assert.Equal(0, old.AttachedWeakFaces);
        Assert.Equal(["weak"], old.Ungrouped);

        // ... and so when the option is off
        videos[0] = videos[0] with { DegradedFaces = [faces.Sample(a2, 0.3)] };
        var off = Fixed(0.5f);
        off.AttachToDegradedCentroids = false;
        Assert.Equal(0, ResultProjection.Group(videos, off).AttachedWeakFaces);
    }
}
