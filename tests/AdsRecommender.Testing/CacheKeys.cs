using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Models;

namespace AdsRecommender.Testing;

/// <summary>
/// What the on-disk test caches depend on, hashed into their keys so a cache never serves a result made with another
/// ffmpeg (clips encode differently, and the pipeline decodes with the same system FFmpeg libraries) or another face stage
/// (other model files or settings).
/// </summary>
public static class CacheKeys
{
    private static readonly Lazy<string> LazyFfmpeg = new(ReadFfmpegVersion);

    /// <summary>Hash of <c>ffmpeg -version</c> (version, build configuration and library versions).</summary>
    public static string Ffmpeg => LazyFfmpeg.Value;

    /// <summary>Hash of the face stage: the content of its two model files and every model and sampling setting.</summary>
    public static string FaceStage(FaceModelOptions models, FaceSamplingOptions sampling)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(sampling);
        var dir = ModelCatalog.FindModelsDirectory(string.IsNullOrEmpty(models.ModelsDirectory) ? null : models.ModelsDirectory);
        var json = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };
        var text = new StringBuilder()
            .Append(FileHash(Path.Combine(dir, models.DetectorFile))).Append('|')
            .Append(FileHash(Path.Combine(dir, models.RecognizerFile))).Append('|')
            .Append(JsonSerializer.Serialize(models, json).Replace(dir, "", StringComparison.Ordinal)).Append('|')
            .Append(JsonSerializer.Serialize(sampling, json));
        return Hash(text.ToString());
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private static string FileHash(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file))[..16];
    }

    private static string ReadFfmpegVersion()
    {
        var result = Task.Run(() => ChildProcess.RunCheckedAsync("ffmpeg", ["-hide_banner", "-version"], Deadline.Short)).GetAwaiter().GetResult();
        return Hash(result.Output);
    }
}
