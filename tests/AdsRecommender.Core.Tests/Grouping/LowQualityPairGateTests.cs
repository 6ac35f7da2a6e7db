using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Tests.Similarity;

namespace AdsRecommender.Core.Tests.Grouping;

/// <summary>Two faces both below the sharpness bound never link by themselves (docs/CALIBRATION.md, "Low-quality pair gate").</summary>
public sealed class LowQualityPairGateTests
{
    private const double Blurred = 10, Sharp = 200; // the gate's default bound is 47.5
    private readonly SyntheticFaces faces = new(7);

    private static GroupingOptions Options(double bound = 47.5) =>
        new() { Threshold = ThresholdSetting.Fixed(0.5f), MaxDegreeOfParallelism = 1, LowQualitySharpness = bound };

    private static VideoFaceSet Video(string id, double[]? sharpness, params float[][] faces) =>
        new(id, 1, faces[0], faces) { Sharpness = sharpness };

    [Fact]
    public void Two_low_quality_faces_of_one_person_make_no_pair_and_no_group()
    {
        var anna = faces.Identity();
        var (a, b) = (faces.Sample(anna), faces.Sample(anna));
        Assert.True(SyntheticFaces.Cos(a, b) > 0.6); // well above the threshold: only the gate keeps them apart

        var gated = ResultProjection.Group([Video("blur1", [Blurred], a), Video("blur2", [Blurred + 5], b)], Options());
        Assert.Empty(gated.Groups);
        Assert.Empty(gated.Pairs);
        Assert.Equal(["blur1", "blur2"], gated.Ungrouped.Order());

        // gate off, one face sharp, or sharpness unknown (runs stored before it was): the pair and the group are back
        foreach (var (bound, first) in new[] { (0.0, (double[]?)[Blurred]), (47.5, [Sharp]), (47.5, null) })
        {
            var r = ResultProjection.Group([Video("blur1", first, a), Video("blur2", [Blurred + 5], b)], Options(bound));
            Assert.Equal(["blur1", "blur2"], Assert.Single(r.Groups).Videos);
            Assert.Single(r.Pairs);
        }
    }

    [Fact]
    public void Low_quality_faces_still_join_a_person_through_a_sharp_face()
    {
        var anna = faces.Identity();
        var videos = new List<VideoFaceSet>
        {
            Video("sharp", [Sharp], faces.Sample(anna)),
            Video("blur1", [Blurred], faces.Sample(anna)),
            Video("blur2", [Blurred], faces.Sample(anna)),
        };

        var r = ResultProjection.Group(videos, Options());

        Assert.Equal(["blur1", "blur2", "sharp"], Assert.Single(r.Groups).Videos.Order());
        Assert.Equal(2, r.Pairs.Count);
        Assert.All(r.Pairs, p => Assert.Contains("sharp", new[] { p.Video1, p.Video2 }));
    }

    [Fact]
    public void Two_low_quality_secondary_faces_do_not_link_their_videos()
    {
        var (anna, ben, carl) = (faces.Identity(), faces.Identity(), faces.Identity());
        VideoFaceSet[] videos =
        [
            Video("x", [Sharp, Blurred], faces.Sample(ben), faces.Sample(anna)),
            Video("y", [Sharp, Blurred], faces.Sample(carl), faces.Sample(anna)),
        ];

        Assert.Empty(ResultProjection.Group(videos, Options()).Groups);
        Assert.Equal([1, 1], Assert.Single(ResultProjection.Group(videos, Options(0)).Groups).FaceIndexes);
    }
}
