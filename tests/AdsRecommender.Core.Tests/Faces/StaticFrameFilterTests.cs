using AdsRecommender.Core.Faces;
using AdsRecommender.Testing;
using OpenCvSharp;

namespace AdsRecommender.Core.Tests.Faces;

public sealed class StaticFrameFilterTests
{
    private static Mat Photo(int width, int height)
    {
        using var image = Cv2.ImRead(SharedData.Photo("barack_obama", 1), ImreadModes.Color);
        var frame = new Mat();
        Cv2.Resize(image, frame, new Size(width, height), 0, 0, InterpolationFlags.Area);
        return frame;
    }

    [Theory]
    [InlineData(640, 360)]
    [InlineData(844, 614)]
    [InlineData(1920, 1080)]
    [InlineData(200, 100)]
    public void Compression_noise_is_a_still_and_a_moved_picture_is_not(int width, int height)
    {
        using var filter = new StaticFrameFilter(1.5);
        using var frame = Photo(width, height);
        Assert.False(filter.SameAsLastDetected(frame)); // the first frame becomes the key

        using var noisy = frame.Clone();
        using (var noise = new Mat(frame.Size(), MatType.CV_8UC3))
        {
            Cv2.Randu(noise, Scalar.All(0), Scalar.All(7));
            Cv2.Add(noisy, noise, noisy);
            Cv2.Subtract(noisy, Scalar.All(3), noisy);
        }
        Assert.True(filter.SameAsLastDetected(noisy));

        using var moved = new Mat();
        using var shift = Mat.FromArray(new double[,] { { 1, 0, width / 8.0 }, { 0, 1, 0 } });
        Cv2.WarpAffine(frame, moved, shift, frame.Size()); // a pan by an eighth of the width
        Assert.False(filter.SameAsLastDetected(moved));
    }

    [Fact]
    public void A_threshold_of_zero_never_reports_a_still()
    {
        using var filter = new StaticFrameFilter(0);
        using var frame = Photo(640, 360);
        Assert.False(filter.SameAsLastDetected(frame));
        Assert.False(filter.SameAsLastDetected(frame));
    }
}
