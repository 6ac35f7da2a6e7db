using System.Text.Json;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Faces.Calibration;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// The face stage over one split of the protocol with cast evidence off (every secondary face kept, so cast evidence and
/// grouping can be applied afterwards with any settings), cached per clip under
/// <c>{temp}/adsrec-protocol-measure/{split}/{variant}-{key}</c>; the key hashes the ffmpeg version and the face stage's
/// model files and settings (<see cref="CacheKeys"/>), so a changed face stage is analysed again, never read from an old cache.
/// </summary>
internal static class ProtocolAnalysis
{
    public sealed record Analysed(bool Decodable, IReadOnlyList<DetectedPerson> People);

    public static readonly Dictionary<string, Action<FaceModelOptions, FaceSamplingOptions>> Variants = new()
    {
        ["plain_mean"] = (_, s) => s.QualityWeightedMean = false,
        ["quality_mean"] = (_, s) => s.QualityWeightedMean = true,
        ["dense_motion"] = (_, s) => s.MotionFramesPerSecond = 8,
        ["flip"] = (m, _) => m.FlipAugment = true,
        ["opencv_decoder"] = (_, s) => s.Decoder = AdsRecommender.Core.Media.FrameDecoder.OpenCv, // the decoder before the system's FFmpeg libraries
        ["exact_area"] = (_, s) => s.ExactAreaDownscale = true, // OpenCV's area resize at every ratio (before session 10)
        ["stride3"] = (_, s) => (s.EmbedBest, s.EmbedStride, s.FullDetectEvery) = (0, 3, 4), // the face stage before issue #25's session 14: every 3rd embedded, full size every 3rd/4th
        ["skip_nonref"] = (_, s) => s.DecoderSkip = AdsRecommender.Core.Media.FrameSkip.NonReference, // ffmpeg -skip_frame noref (issue #25)
        ["yuv_opencv"] = (_, s) => s.DecoderOutput = AdsRecommender.Core.Media.DecoderOutput.Yuv420, // YUV 4:2:0 on the pipe, OpenCV converts (issue #25, session 14)
        ["yuv_bgr"] = (_, s) => s.DecoderOutput = AdsRecommender.Core.Media.DecoderOutput.Bgr24, // BGR from ffmpeg's swscale (the output before session 14)
        ["loop_nokey"] = (_, s) => s.DecoderSkipLoopFilter = AdsRecommender.Core.Media.LoopFilterSkip.NonKey, // ffmpeg -skip_loop_filter nokey
        ["loop_all"] = (_, s) => s.DecoderSkipLoopFilter = AdsRecommender.Core.Media.LoopFilterSkip.All, // ffmpeg -skip_loop_filter all
    };

    /// <summary>The cache folder of a split and variant for the face stage as configured now.</summary>
    public static string CacheDirectory(SplitPart split, string variant)
    {
        var (models, sampling) = Settings(variant);
        var key = CacheKeys.Hash($"{CacheKeys.Ffmpeg}|{CacheKeys.FaceStage(models, sampling)}");
        return Path.Combine(Path.GetTempPath(), "adsrec-protocol-measure", split.ToString(), $"{variant}-{key}");
    }

    public static async Task<Dictionary<string, Analysed>> AnalyseAsync(IReadOnlyList<ProtocolSet.Item> items, SplitPart split, string variant)
    {
        var dir = CacheDirectory(split, variant);
        Directory.CreateDirectory(dir);
        var result = new Dictionary<string, Analysed>();
        var todo = new List<ProtocolSet.Item>();
        foreach (var item in items)
        {
            var file = Path.Combine(dir, item.Name + ".json");
            if (File.Exists(file)) result[item.Name] = JsonSerializer.Deserialize<Analysed>(await File.ReadAllTextAsync(file))!;
            else todo.Add(item);
        }
        if (todo.Count == 0) return result;
        var (models, sampling) = Settings(variant);
        var found = new Dictionary<string, Analysed>();
        await AnalyzedSet.AnalyzeAsync(ProtocolSet.Clips(todo), models, sampling, (name, f) => found[name] = new Analysed(true, f.People.Select(p => p with { ThumbnailJpeg = null }).ToList()));
        foreach (var item in todo)
        {
            var a = found.GetValueOrDefault(item.Name) ?? new Analysed(false, []);
            result[item.Name] = a;
            var file = Path.Combine(dir, item.Name + ".json");
            await File.WriteAllTextAsync(file + ".tmp", JsonSerializer.Serialize(a));
            File.Move(file + ".tmp", file, overwrite: true); // a killed run leaves no half-written entry
        }
        return result;
    }

    /// <summary>
    /// What grouping sees of each decodable clip, as a run stores it: its people that pass cast evidence with the shipped
    /// settings (all of them when <paramref name="castEvidence"/> is off), their degraded embeddings and sharpness.
    /// </summary>
    public static List<AdsRecommender.Core.Grouping.VideoFaceSet> FaceSets(IReadOnlyList<ProtocolSet.Item> items, Dictionary<string, Analysed> analysed, bool castEvidence = true,
        FaceSamplingOptions? castSettings = null)
    {
        var shipped = castSettings ?? new FaceSamplingOptions();
        var videos = new List<AdsRecommender.Core.Grouping.VideoFaceSet>();
        var rng = new Random(7);
        foreach (var item in items)
        {
            var a = analysed[item.Name];
            if (!a.Decodable) continue;
            var main = a.People.FirstOrDefault();
            var cast = a.People.Where((p, k) => k == 0 || !castEvidence || CastEvidence.Passes(p, main!, shipped)).ToList();
            // as a run stores them: the face stage embeds no degraded crop for a background face
            var background = a.People.Except(cast).Select(p => new AdsRecommender.Core.Grouping.BackgroundFace(p.Embedding, null, p.Sharpness)).ToList();
            var perf = Math.Round(rng.NextDouble(), 3);
            videos.Add(new AdsRecommender.Core.Grouping.VideoFaceSet(item.Name, perf, cast.Count > 0 ? cast[0].Embedding : [], cast.Select(p => p.Embedding).ToArray())
            {
                DegradedFaces = cast.Count > 0 ? cast.Select(p => p.DegradedEmbedding!).ToArray() : null,
                Sharpness = cast.Select(p => p.Sharpness).ToArray(),
                Background = background, // grouped only when they recur (GroupingOptions.RecurringFaceCosine)
            });
        }
        return videos;
    }

    private static (FaceModelOptions Models, FaceSamplingOptions Sampling) Settings(string variant)
    {
        var (models, sampling) = (new FaceModelOptions(), new FaceSamplingOptions { CastMinSizeRatio = 0, CastMinScore = 0, CastMinSharpnessRatio = 0, CastMinScreenTimeRatio = 0 });
        Variants[variant](models, sampling);
        return (models, sampling);
    }
}
