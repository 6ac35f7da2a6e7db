using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Models;
using AdsRecommender.Testing;
using OpenCvSharp;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Faces;

/// <summary>The ONNX Runtime YuNet path against OpenCV's FaceDetectorYN on the same images: the same faces, boxes, landmarks and scores.</summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class OnnxFaceDetectorTests(ITestOutputHelper output) : IDisposable
{
    private readonly OnnxFaceDetector _onnx = new(Path.Combine(SharedData.Models, "face_detection_yunet.onnx"));
    private readonly OpenCvFaceDetector _openCv = new(Path.Combine(SharedData.Models, "face_detection_yunet.onnx"));

    private static IEnumerable<string> AllPhotos() =>
        new[] { SharedData.Photos, SharedData.ExtraPhotos }.SelectMany(d => Directory.EnumerateFiles(d, "*.jpg", SearchOption.AllDirectories)).Order();

    [Fact]
    public void Finds_the_same_faces_as_OpenCV_on_every_photo_and_video_frame_at_full_and_coarse_size()
    {
        var images = 0;
        var faces = 0;
        double maxPoint = 0, maxScore = 0;
        foreach (var (name, image) in Images())
        {
            using (image)
            {
                foreach (var side in new[] { 640, 320 })
                {
                    using var scaled = Fit(image, side);
                    images++;
                    var expected = _openCv.Detect(scaled);
                    var actual = _onnx.Detect(scaled);
                    // a face within a hair of the score threshold may fall either side in one of them; none here did
                    Assert.True(expected.Count == actual.Count, $"{name} at {scaled.Width}x{scaled.Height}: OpenCV found {expected.Count} faces, ONNX Runtime {actual.Count}");
                    foreach (var e in expected)
                    {
                        var a = actual.MinBy(x => Distance(x.Box.TopLeft, e.Box.TopLeft))!;
                        var pointDiff = new[] { Distance(a.Box.TopLeft, e.Box.TopLeft), Distance(a.Box.BottomRight, e.Box.BottomRight) }
                            .Concat(a.Landmarks.Zip(e.Landmarks, Distance)).Max();
                        maxPoint = Math.Max(maxPoint, pointDiff);
                        maxScore = Math.Max(maxScore, Math.Abs(a.Score - e.Score));
                        faces++;
                    }
                }
            }
        }
        output.WriteLine($"{images} images, {faces} faces: largest box/landmark difference {maxPoint:F4} px, largest score difference {maxScore:F5}");
        Assert.True(faces > 50, $"only {faces} faces compared");
        Assert.InRange(maxPoint, 0, 0.01); // float rounding of two convolution engines (measured 0.0001 px)
        Assert.InRange(maxScore, 0, 1e-4);
    }

    [Fact]
    public void An_image_without_faces_and_an_empty_image_give_no_faces()
    {
        using var grey = new Mat(360, 640, MatType.CV_8UC3, new Scalar(128, 128, 128));
        Assert.Empty(_onnx.Detect(grey));
        using var empty = new Mat();
        Assert.Empty(_onnx.Detect(empty));
    }

    [Fact]
    public void A_non_YuNet_model_is_refused_with_the_file_named()
    {
        var e = Assert.Throws<ModelFileException>(() => new OnnxFaceDetector(Path.Combine(SharedData.Models, "face_recognition_mobilefacenet_128.onnx")));
        Assert.Contains("face_recognition_mobilefacenet_128.onnx is not a YuNet model", e.Message);
    }

    [Fact]
    public void A_grey_image_is_refused()
    {
        using var grey = new Mat(64, 64, MatType.CV_8UC1, Scalar.All(0));
        Assert.Throws<ArgumentException>(() => _onnx.Detect(grey));
    }

    private static IEnumerable<(string Name, Mat Image)> Images()
    {
        foreach (var photo in AllPhotos()) yield return (Path.GetRelativePath(SharedData.Dir, photo), Cv2.ImRead(photo, ImreadModes.Color));
        foreach (var video in Directory.EnumerateFiles(SharedData.Videos, "*.mp4").Order())
        {
            using var capture = new VideoCapture(video);
            var frame = new Mat();
            for (var i = 0; capture.Read(frame) && i < 240; i++)
            {
                if (i % 24 != 0) continue;
                yield return ($"{Path.GetFileName(video)} frame {i}", frame.Clone());
            }
            frame.Dispose();
        }
    }

    private static Mat Fit(Mat image, int side)
    {
        var scale = Math.Min(1.0, (double)side / Math.Max(image.Width, image.Height));
        var result = new Mat();
        if (scale >= 1) image.CopyTo(result);
        else Cv2.Resize(image, result, new Size((int)Math.Round(image.Width * scale), (int)Math.Round(image.Height * scale)), 0, 0, InterpolationFlags.Area);
        return result;
    }

    private static double Distance(Point2f a, Point2f b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    public void Dispose()
    {
        _onnx.Dispose();
        _openCv.Dispose();
    }
}
