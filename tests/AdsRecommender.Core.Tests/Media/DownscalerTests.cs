using AdsRecommender.Core.Media;
using AdsRecommender.Testing;
using OpenCvSharp;

namespace AdsRecommender.Core.Tests.Media;

public sealed class DownscalerTests
{
    private static Mat Frame(string video, int index)
    {
        using var capture = new VideoCapture(Path.Combine(SharedData.Videos, video));
        var frame = new Mat();
        for (var i = 0; i <= index; i++) Assert.True(capture.Read(frame), $"{video} has no frame {index}");
        return frame;
    }

    private static (double Mean, double Max) Difference(Mat a, Mat b)
    {
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        var mean = Cv2.Mean(diff);
        using var flat = diff.Reshape(1);
        Cv2.MinMaxLoc(flat, out _, out double max);
        return ((mean.Val0 + mean.Val1 + mean.Val2) / 3, max);
    }

    [Theory]
    [InlineData("obama_whcd__barack_obama.mp4", 0, 0, 844, 614, 640, 466)] // the detection pass of a 844x614 video
    [InlineData("obama_whcd__barack_obama.mp4", 0, 0, 844, 614, 320, 233)] // its coarse tracking pass
    [InlineData("street_crowd__unlabeled.mp4", 420, 0, 1080, 1080, 640, 640)] // a square ad
    [InlineData("street_crowd__unlabeled.mp4", 0, 0, 1920, 1080, 320, 180)] // a whole ratio (6): OpenCV's area resize as it was
    public void Other_ratios_stay_within_a_grey_level_of_the_area_resize_and_whole_ratios_are_unchanged(
        string video, int x, int y, int width, int height, int toWidth, int toHeight)
    {
        using var frame = Frame(video, 10);
        using var source = new Mat(frame, new Rect(x, y, width, height));
        using var area = new Mat();
        Cv2.Resize(source, area, new Size(toWidth, toHeight), 0, 0, InterpolationFlags.Area);
        using var shrunk = new Mat();

        Downscaler.Shrink(source, shrunk, new Size(toWidth, toHeight));

        Assert.Equal(new Size(toWidth, toHeight), shrunk.Size());
        var (mean, max) = Difference(shrunk, area);
        if (width % toWidth == 0 && height % toHeight == 0) Assert.Equal(0, max);
        else
        {
            // measured 0.14-0.21 mean, at most 6; a plain bilinear shrink is 0.37-0.43 mean, up to 14 (aliasing)
            Assert.InRange(mean, 0.0, 0.3);
            Assert.InRange(max, 0.0, 10.0);
        }
        using var exact = new Mat();
        Downscaler.Shrink(source, exact, new Size(toWidth, toHeight), exactArea: true);
        Assert.Equal(0, Difference(exact, area).Max);
    }
}
