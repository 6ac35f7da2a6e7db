using AdsRecommender.Core.Faces;

namespace AdsRecommender.Core.Tests.Faces;

public sealed class CastEvidenceTests
{
    private static readonly FaceSamplingOptions Rule = new() { CastMinSizeRatio = 0.5, CastMinScore = 0.8f, CastMinSharpnessRatio = 0.3, CastMinScreenTimeRatio = 0.6 };
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
}
