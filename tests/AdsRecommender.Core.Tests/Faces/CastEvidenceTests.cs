using AdsRecommender.Core.Faces;

namespace AdsRecommender.Core.Tests.Faces;

public sealed class CastEvidenceTests
{
    private static readonly FaceSamplingOptions Rule = new() { CastMinSizeRatio = 0.5, CastMinScore = 0.8f, CastMinSharpnessRatio = 0.3, CastMinScreenTimeRatio = 0.6, CastOwnMinFaceHeight = 0 };
    private static readonly FaceSamplingOptions OwnRule = new()
    {
        CastMinSizeRatio = 0.5, CastMinScore = 0.8f, CastMinSharpnessRatio = 0.3, CastMinScreenTimeRatio = 0.6,
        CastOwnMinFaceHeight = 0.1, CastOwnMinScore = 0.9f, CastOwnMinSharpness = 40, CastOwnMinFrames = 3,
    };
    private static readonly DetectedPerson Main = new(1, [1f], 0.5, FrameCount: 10, MeanFaceSize: 0.4, MeanScore: 0.9f, null) { Sharpness = 100 };

    private static DetectedPerson Face(double size = 0.3, float score = 0.85f, double sharpness = 50, int frames = 8) =>
        new(2, [1f], 0.1, frames, size, score, null) { Sharpness = sharpness };

    [Fact]
    public void A_face_with_every_measure_at_or_above_its_share_of_the_main_face_is_cast()
    {
        Assert.True(CastEvidence.Passes(Face(), Main, Rule));
        Assert.True(CastEvidence.Passes(Face(size: 0.2, score: 0.8f, sharpness: 30, frames: 6), Main, Rule)); // every bound inclusive
    }

    [Theory]
    [InlineData(0.19, 0.85, 50, 8)] // smaller than half the main face
    [InlineData(0.3, 0.79, 50, 8)] // weakly detected
    [InlineData(0.3, 0.85, 29, 8)] // blurred: under 0.3 of the main face's sharpness
    [InlineData(0.3, 0.85, 50, 5)] // on screen in under 0.6 of the main face's frames
    public void A_face_missing_any_one_measure_is_background(double size, float score, double sharpness, int frames) =>
        Assert.False(CastEvidence.Passes(Face(size, score, sharpness, frames), Main, Rule));

    // An edited ad's second cast member: in a short shot of their own (3 of the main face's 10 frames) and smaller than half the main face.
    [Fact]
    public void A_face_small_and_brief_beside_the_main_face_is_cast_on_its_own_evidence()
    {
        var shortShot = Face(size: 0.1, score: 0.9f, sharpness: 40, frames: 3); // every own bound inclusive
        Assert.False(CastEvidence.Relative(shortShot, Main, OwnRule));
        Assert.True(CastEvidence.Passes(shortShot, Main, OwnRule));
        Assert.False(CastEvidence.Passes(shortShot, Main, Rule)); // own evidence off (height bound 0)
    }

    [Theory]
    [InlineData(0.09, 0.95, 100, 5)] // too small in the frame
    [InlineData(0.15, 0.89, 100, 5)] // weakly detected
    [InlineData(0.15, 0.95, 39, 5)] // blurred
    [InlineData(0.15, 0.95, 100, 2)] // seen in too few frames
    public void A_face_missing_any_one_own_measure_and_small_beside_the_main_face_is_background(double size, float score, double sharpness, int frames) =>
        Assert.False(CastEvidence.Passes(Face(size, score, sharpness, frames), Main, OwnRule)); // each also under half the main face's size
}
