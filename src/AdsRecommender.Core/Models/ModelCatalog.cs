using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace AdsRecommender.Core.Models;

/// <summary>
/// Finds the face models folder and verifies model files against the sha256 recorded in <c>models/models.json</c>
/// (embedded in this assembly). A file is hashed once per process (again only if its size or time changes).
/// </summary>
public static class ModelCatalog
{
    public const string ManifestFile = "models.json";
    public const string InstallHint = "install the models with `bash models/install.sh` (optionally `bash models/install.sh <folder holding the .onnx files>`) or set AdsRecommender__ModelsDirectory (CLI: --models) to a folder holding them";

    private const string DefaultProbeFile = "face_detection_yunet.onnx";
    private static readonly Lazy<IReadOnlyDictionary<string, ModelManifestEntry>> LazyManifest = new(LoadManifest);
    private static readonly ConcurrentDictionary<string, (long Length, DateTime WriteTime)> Verified = new(StringComparer.Ordinal);

    /// <summary>The models listed in the embedded <c>models.json</c>, by file name.</summary>
    public static IReadOnlyDictionary<string, ModelManifestEntry> Manifest => LazyManifest.Value;

    /// <summary>The default lookup of the models folder: <c>models/</c> above the app or current directory, then <c>models</c> in the shared folder (<see cref="SharedFolder"/>).</summary>
    public static string FindModelsDirectory() => FindModelsDirectory(null);

    /// <summary>As <see cref="FindModelsDirectory()"/>, but a <paramref name="configured"/> folder wins (and must exist).</summary>
    public static string FindModelsDirectory(string? configured, string probeFile = DefaultProbeFile)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured);
            if (!Directory.Exists(full))
                throw new ModelFileException($"Models folder '{full}' (configured) does not exist; {InstallHint}.", full);
            return full;
        }
        var starts = new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() };
        foreach (var start in starts)
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "models");
                if (File.Exists(Path.Combine(candidate, ManifestFile)) && File.Exists(Path.Combine(candidate, probeFile)))
                    return candidate;
            }
        if (SharedFolder.Find("models", dir => File.Exists(Path.Combine(dir, probeFile))) is { } shared) return shared;
        throw new ModelFileException(
            $"No models folder with {probeFile} found (looked at models/ above {AppContext.BaseDirectory} and {Directory.GetCurrentDirectory()}, {Path.Combine(SharedFolder.Location(), "models")}); {InstallHint}.",
            probeFile);
    }

    /// <summary>
    /// Checks that each file exists in <paramref name="dir"/> and, when listed in <c>models.json</c>, matches its sha256.
    /// Files not listed (a recogniser the user brings) are only checked for existence.
    /// </summary>
    /// <exception cref="ModelFileException">missing, unreadable or corrupt file.</exception>
    public static void Verify(string dir, params string[] files)
    {
        foreach (var file in files)
        {
            var path = Path.GetFullPath(Path.Combine(dir, file));
            var name = Path.GetFileName(path);
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new ModelFileException($"Model file {name} is missing from {Path.GetDirectoryName(path)}; {InstallHint}.", path);
            if (!Manifest.TryGetValue(name, out var entry)) continue;
            var stamp = (info.Length, info.LastWriteTimeUtc);
            if (Verified.TryGetValue(path, out var seen) && seen == stamp) continue;
            string actual;
            try
            {
                using var stream = File.OpenRead(path);
                actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            catch (IOException e)
            {
                throw new ModelFileException($"Model file {name} in {Path.GetDirectoryName(path)} cannot be read ({e.Message}); {InstallHint}.", path, e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new ModelFileException($"Model file {name} in {Path.GetDirectoryName(path)} cannot be read ({e.Message}); {InstallHint}.", path, e);
            }
            if (!string.Equals(actual, entry.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new ModelFileException(
                    $"Model file {name} in {Path.GetDirectoryName(path)} is corrupt or not the expected model: sha256 {actual[..12]}… does not match {entry.Sha256[..12]}… in models/models.json; reinstall: {InstallHint}.",
                    path);
            Verified[path] = stamp;
        }
    }

    /// <summary>Checks only that each file exists in <paramref name="dir"/> (when checksum verification is switched off).</summary>
    public static void VerifyExists(string dir, params string[] files)
    {
        foreach (var file in files)
        {
            var path = Path.GetFullPath(Path.Combine(dir, file));
            if (!File.Exists(path))
                throw new ModelFileException($"Model file {Path.GetFileName(path)} is missing from {Path.GetDirectoryName(path)}; {InstallHint}.", path);
        }
    }

    private static IReadOnlyDictionary<string, ModelManifestEntry> LoadManifest()
    {
        const string resource = "AdsRecommender.Core.Models.models.json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from AdsRecommender.Core.");
        using var doc = JsonDocument.Parse(stream);
        var result = new Dictionary<string, ModelManifestEntry>(StringComparer.Ordinal);
        foreach (var m in doc.RootElement.GetProperty("models").EnumerateArray())
        {
            string? Get(string p) => m.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var entry = new ModelManifestEntry(Get("file")!, Get("role") ?? "", Get("sha256")!, Get("licence"), Get("upstream"), Get("input"));
            result[entry.File] = entry;
        }
        return result;
    }
}
