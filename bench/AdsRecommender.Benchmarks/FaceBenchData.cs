using AdsRecommender.Core;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Models;
using OpenCvSharp;

namespace AdsRecommender.Benchmarks;

/// <summary>
/// A real face for the model benchmarks: a photo from <c>data/</c> of the shared folder (<see cref="SharedFolder"/>) or the file named by
/// <c>ADSREC_BENCH_PHOTO</c>, placed on a 640x360 frame like the demo clips, plus its aligned 112x112 crop.
/// </summary>
public sealed class FaceBenchData : IDisposable
{
    public const string PhotoVariable = "ADSREC_BENCH_PHOTO";

    private FaceBenchData(string modelsDirectory, Mat frame, Mat crop)
    {
        ModelsDirectory = modelsDirectory;
        Frame = frame;
        Crop = crop;
    }

    public string ModelsDirectory { get; }
    public Mat Frame { get; }
    public Mat Crop { get; }

    /// <summary>Null (with the reason) when no photo or models can be found.</summary>
    public static FaceBenchData? TryLoad(out string reason)
    {
        var photo = FindPhoto();
        if (photo is null)
        {
            reason = $"no face photo: set {SharedFolder.Variable} to the shared folder (data/photos) or {PhotoVariable} to a photo";
            return null;
        }
        string models;
        try
        {
            models = ModelCatalog.FindModelsDirectory();
        }
        catch (ModelFileException e)
        {
            reason = e.Message;
            return null;
        }
        using var image = Cv2.ImRead(photo, ImreadModes.Color);
        var frame = new Mat(360, 640, MatType.CV_8UC3, new Scalar(40, 40, 40));
        var scale = Math.Min(600.0 / image.Width, 340.0 / image.Height);
        using var fitted = image.Resize(new Size((int)(image.Width * scale), (int)(image.Height * scale)), 0, 0, InterpolationFlags.Area);
        using (var roi = new Mat(frame, new Rect((640 - fitted.Width) / 2, (360 - fitted.Height) / 2, fitted.Width, fitted.Height)))
            fitted.CopyTo(roi);
        using var detector = new OnnxFaceDetector(Path.Combine(models, new FaceModelOptions().DetectorFile));
        var face = detector.Detect(frame).MaxBy(f => f.Box.Width * f.Box.Height);
        if (face is null)
        {
            frame.Dispose();
            reason = $"no face found in {photo}";
            return null;
        }
        reason = "";
        return new FaceBenchData(models, frame, FaceAligner.Align(frame, face.Landmarks, OnnxFaceEmbedder.ArcFaceTemplate112, 112));
    }

    private static string? FindPhoto()
    {
        if (Environment.GetEnvironmentVariable(PhotoVariable) is { Length: > 0 } given) return File.Exists(given) ? given : null;
        return SharedFolder.Find(Path.Combine("data", "photos", "barack_obama", "1.jpg"), File.Exists);
    }

    public void Dispose()
    {
        Frame.Dispose();
        Crop.Dispose();
    }
}
