using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Testing;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// End to end from clips to groups on identities held out from calibration, with the shipped default threshold.
/// The acceptance target for the held-out set is pairwise F1 >= 0.97 with no two people merged.
/// </summary>
public sealed class HeldOutStyleAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Default_threshold_groups_held_out_people_without_merging_anyone()
    {
        using var analyzer = new VideoFaceAnalyzer(new FaceModelOptions(), new FaceSamplingOptions());
        var dir = Directory.CreateTempSubdirectory("adsrec-acceptance").FullName;
        var truth = new Dictionary<string, string?>();
        var sets = new List<VideoFaceSet>();
        var rng = new Random(7);
        foreach (var item in HeldOutStyleSet.Build())
        {
            var path = Path.Combine(dir, item.Name + ".mp4");
            if (item.Spec is { } spec) File.Copy(await ClipMaker.GetAsync(spec), path, overwrite: true);
            else await File.WriteAllBytesAsync(path, item.RawBytes!);
            truth[item.Name] = item.Identity;

            VideoFaces faces;
            try { faces = await analyzer.AnalyzeAsync(path); }
            catch (VideoDecodeException e)
            {
                output.WriteLine($"{item.Name}: decode error: {e.Message}");
                Assert.Null(item.Identity);
                continue;
            }
            output.WriteLine($"{item.Name}: {faces.People.Count} people, top prominence {(faces.People.Count > 0 ? faces.People[0].Prominence : 0):0.###}");
            if (item.Identity is not null) Assert.NotEmpty(faces.People);
            var primary = faces.People.Count > 0 ? faces.People[0].Embedding : [];
            sets.Add(new VideoFaceSet(item.Name, Math.Round(rng.NextDouble(), 3), primary, faces.People.Select(p => p.Embedding).ToArray()));
        }

        var result = GroupingEngine.Run(sets, new GroupingOptions { DefaultThreshold = Thresholds.DefaultCosine });
        foreach (var g in result.Groups)
            output.WriteLine($"group {g.Number}: {string.Join(", ", g.Videos)} (cohesion {g.Cohesion:0.00})");
        var score = PairwiseScore.Compute(truth, result.Groups.Select(g => g.Videos));
        output.WriteLine($"threshold {result.Threshold:0.###} ({result.ThresholdSource}); pairwise precision {score.Precision:0.000}, recall {score.Recall:0.000}, F1 {score.F1:0.000}");

        foreach (var g in result.Groups)
        {
            Assert.All(g.Videos, v => Assert.NotNull(truth[v]));
            Assert.Single(g.Videos.Select(v => truth[v]).Distinct());
        }
        Assert.Equal(1.0, score.Precision);
        Assert.True(score.F1 >= 0.97, $"pairwise F1 {score.F1:0.000} below 0.97");
    }
}
