using System.Reflection;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Media.Ffmpeg;
using AdsRecommender.Core.Models;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace AdsRecommender.Core.Health;

/// <summary>
/// Checks once, at start, what every video needs: the native libraries load (OpenCvSharpExtern, ONNX Runtime), the models
/// are there with their checksums and load (by creating the pipeline's one face analyzer), and the pipeline's decoder
/// (<see cref="FrameSampler"/>: the system's ffmpeg program by default) samples an H.264 clip. A broken machine then fails at start with the fix instead of failing each video after retries.
/// </summary>
public static class EnvironmentSelfTest
{
    public const string OpenCv = "native library OpenCvSharpExtern";
    public const string OnnxRuntime = "native library ONNX Runtime";
    public const string Models = "models";
    public const string Decoder = "video decoder";

    private static string PackagesFix => $"install the native packages: {NativePackages.InstallCommand}";

    private static string DecoderFix =>
        $"{PackagesFix}; or decode with the FFmpeg inside OpenCV (no SIMD, about twice the CPU): AdsRecommender__Sampling__Decoder=OpenCv";

    /// <param name="analyzer">Creates (or returns) the pipeline's analyzer; creating it verifies checksums and loads both models.</param>
    public static EnvironmentReport Run(Func<IVideoFaceAnalyzer> analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var checks = new List<EnvironmentCheck>
        {
            Check(OpenCv, () => $"OpenCV {Cv2.GetVersionString()}", PackagesFix),
            Check(OnnxRuntime, () => $"ONNX Runtime {OrtEnv.Instance().GetVersionString()}", PackagesFix),
            Check(Models, () => Describe(analyzer()), ModelCatalog.InstallHint),
            Check(Decoder, () => DecodeSample(SamplerOf(analyzer)), DecoderFix, DecoderFix),
        };
        return new EnvironmentReport(checks);
    }

    private static EnvironmentCheck Check(string name, Func<string> probe, string fix, string? nativeFix = null)
    {
        try
        {
            return new EnvironmentCheck(name, true, probe());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A model error already names the file and the install command; a native library that does not load (also
            // while creating the analyzer) needs the packages; other errors get the fix for their check.
            return e switch
            {
                ModelFileException => new EnvironmentCheck(name, false, e.Message),
                _ when EnvironmentFailure.IsEnvironmental(e) => new EnvironmentCheck(name, false, Innermost(e), nativeFix ?? PackagesFix),
                _ => new EnvironmentCheck(name, false, Innermost(e), fix),
            };
        }
    }

    private static string Describe(IVideoFaceAnalyzer analyzer) =>
        analyzer is VideoFaceAnalyzer real ? $"loaded and verified from {real.ModelsDirectory} ({real.EmbeddingModelId})" : "analyzer ready";

    /// <summary>The analyzer's sampler (its decoder setting), or the default one when the analyzer cannot be made.</summary>
    private static FrameSampler SamplerOf(Func<IVideoFaceAnalyzer> analyzer)
    {
        try
        {
            if (analyzer() is VideoFaceAnalyzer real) return real.Sampler;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // reported by the models check; the decoder is still checked, with the default settings
        }
        return new FrameSampler(new FaceSamplingOptions().ToFrameSampling());
    }

    /// <summary>Samples the embedded 64x48 H.264 clip with the pipeline's sampler and decoder.</summary>
    private static string DecodeSample(FrameSampler sampler)
    {
        var path = Path.Combine(Path.GetTempPath(), $"adsrec-selftest-{Environment.ProcessId}-{Guid.NewGuid():N}.mp4");
        try
        {
            using (var resource = Assembly.GetExecutingAssembly().GetManifestResourceStream("AdsRecommender.Core.Health.selftest.mp4")
                ?? throw new InvalidOperationException("embedded self-test clip missing"))
            using (var file = File.Create(path))
                resource.CopyTo(file);
            // the programs first: an MP4's index is read in this process and the frame's Mat needs OpenCV, so without this a
            // machine lacking both would be told only of OpenCV, not of the missing ffmpeg program
            var libraries = sampler.Decoder == FrameDecoder.Ffmpeg ? $"; {FfmpegPrograms.Version}" : "";
            using var frame = sampler.Sample(path).FirstOrDefault()
                ?? throw new InvalidOperationException($"the {sampler.Decoder} decoder opened an H.264 MP4 but gave no frame");
            return $"H.264 decoded ({frame.Full.Width}x{frame.Full.Height}) by {sampler.Decoder}{libraries}";
        }
        finally
        {
            try { File.Delete(path); } catch (IOException) { } // temp file: best effort
        }
    }

    private static string Innermost(Exception e)
    {
        var messages = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException) messages.Add(x.Message);
        // "The type initializer ... threw" says nothing; the loader's "libdrm.so.2: cannot open shared object file" does.
        return messages.Count == 1 ? messages[0] : $"{messages[0]} ({messages[^1]})";
    }
}
