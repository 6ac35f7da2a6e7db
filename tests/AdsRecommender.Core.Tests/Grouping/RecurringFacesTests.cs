using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Tests.Similarity;

namespace AdsRecommender.Core.Tests.Grouping;

/// <summary>A background face is grouped only when it recurs as another video's cast face at the bound (docs/CALIBRATION.md, "Recurring faces").</summary>
public sealed class RecurringFacesTests
{
    private readonly SyntheticFaces faces = new(11);

    private static GroupingOptions Options(float recurring) =>
        new() { Threshold = ThresholdSetting.Fixed(0.4f), MaxDegreeOfParallelism = 1, RecurringFaceCosine = recurring };

    private static VideoFaceSet Video(string id, float[] cast, params float[][] background) =>
        new(id, 1, cast, [cast]) { Background = background.Select(b => new BackgroundFace(b, null, 100)).ToList() };

    [Fact]
    public void A_background_face_that_matches_another_videos_cast_face_at_the_bound_is_grouped()
    {
        var (anna, ben, carl) = (faces.Identity(), faces.Identity(), faces.Identity());
        var annaSmall = faces.Sample(anna, 0.3); // about 0.96 with anna's own face, far above the bound
        Assert.True(SyntheticFaces.Cos(annaSmall, anna) > 0.9);
        VideoFaceSet[] videos = [Video("anna_ad", anna), Video("ben_ad", ben, annaSmall), Video("carl_ad", carl)];

        var on = ResultProjection.Group(videos, Options(0.8f));
        Assert.Equal(1, on.RecurringFaces);
        Assert.Equal(["anna_ad", "ben_ad"], Assert.Single(on.Groups).Videos);
        Assert.Equal(1, Assert.Single(on.Groups).FaceIndexes[1]); // ben_ad is in anna's group through its admitted face

        // off, or the bound above the face's similarity: the background face is grouped with nobody
        foreach (var bound in new[] { 0f, 0.99f })
        {
            var off = ResultProjection.Group(videos, Options(bound));
            Assert.Equal(0, off.RecurringFaces);
            Assert.Empty(off.Groups);
        }
        Assert.Equal(0.65f, new GroupingOptions().RecurringFaceCosine);
    }

    [Fact]
    public void A_recurring_face_is_named_by_the_row_its_thumbnail_is_stored_under()
    {
        // ben_ad's first background face is a stranger, its second anna filmed small: only the second is admitted (the
        // video's second face by position) but its thumbnail is stored at row 1 + 1 (FaceMeta.BackgroundRow)
        var (anna, ben, stranger) = (faces.Identity(), faces.Identity(), faces.Identity());
        VideoFaceSet[] videos = [Video("anna_ad", anna), Video("ben_ad", ben, stranger, faces.Sample(anna, 0.3))];

        var group = Assert.Single(ResultProjection.Group(videos, Options(0.8f)).Groups);

        Assert.Equal(["anna_ad", "ben_ad"], group.Videos);
        Assert.Equal([0, 2], group.FaceIndexes);
        Assert.Equal(2, group.Members[1].FaceIndex);
    }

    [Fact]
    public void Background_faces_that_match_only_each_other_stay_out()
    {
        // the same bystander behind two different people: two background faces alike, no cast face like them
        var (anna, ben, bystander) = (faces.Identity(), faces.Identity(), faces.Identity());
        VideoFaceSet[] videos = [Video("anna_ad", anna, faces.Sample(bystander, 0.2)), Video("ben_ad", ben, faces.Sample(bystander, 0.2))];

        var r = ResultProjection.Group(videos, Options(0.8f));

        Assert.Equal(0, r.RecurringFaces);
        Assert.Empty(r.Groups);

        // a background face like its own video's cast face (the same person tracked twice) recurs in no other video
        var (anna2, ben2) = (faces.Identity(), faces.Identity());
        var own = ResultProjection.Group([Video("anna_ad", anna2, faces.Sample(anna2, 0.2)), Video("ben_ad", ben2)], Options(0.8f));
        Assert.Equal(0, own.RecurringFaces);
    }
}
