using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using AdsRecommender.Core;

namespace AdsRecommender.Cli.Demo;

/// <summary>
/// Finds the demo's source photos and video: <c>ADSREC_SHARED_DIR</c>, else <c>../shared</c> beside the repository
/// (found by walking up from the program and the working folder to <c>AdsRecommender.sln</c>). Without either, the files
/// listed in <c>docs/sample_manifest.json</c> are downloaded from their upstream repositories into a cache folder and
/// checked against their SHA-256.
/// </summary>
public static class SampleData
{
    public static string? FindSharedDataDir()
    {
        var env = Environment.GetEnvironmentVariable("ADSREC_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "data"))) return Path.Combine(env, "data");
        return SharedFolder.BesideRepository("data", Directory.Exists);
    }

    public static string? FindManifest()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var m = Path.Combine(d.FullName, "docs", "sample_manifest.json");
                if (File.Exists(m)) return m;
            }
        return null;
    }

    /// <summary>A folder holding every file of <see cref="SampleSet.Files"/>: shared/data, or a verified download cache.</summary>
    public static async Task<string> EnsureAsync(TextWriter log, CancellationToken ct)
    {
        var shared = FindSharedDataDir();
        if (shared is not null && SampleSet.Files.All(f => File.Exists(Path.Combine(shared, f)))) return shared;
        var manifestPath = FindManifest() ?? throw new SampleDataUnavailableException(
            "sample data not found: set ADSREC_SHARED_DIR to the shared folder, or run from the repository (docs/sample_manifest.json)");
        var manifest = JsonSerializer.Deserialize<SampleManifest>(await File.ReadAllTextAsync(manifestPath, ct), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{manifestPath} is empty");
        var cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "adsrec", "sample-data");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await DownloadAsync(manifest, SampleSet.Files, cache, http, log, ct);
        return cache;
    }

    /// <summary>
    /// Puts each of <paramref name="files"/> into <paramref name="cacheDir"/> from its manifest URL, unless a copy with the
    /// right SHA-256 is already there. A download whose SHA-256 differs from the manifest's is refused and not kept.
    /// </summary>
    public static async Task DownloadAsync(SampleManifest manifest, IEnumerable<string> files, string cacheDir, HttpClient http,
        TextWriter log, CancellationToken ct)
    {
        foreach (var file in files)
        {
            var entry = manifest.Files.FirstOrDefault(e => e.File == file)
                ?? throw new InvalidOperationException($"{file} is not in the sample manifest");
            var target = Path.GetFullPath(Path.Combine(cacheDir, entry.File));
            if (!target.StartsWith(Path.GetFullPath(cacheDir) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidOperationException($"manifest entry '{entry.File}' points outside the cache folder");
            if (File.Exists(target) && Sha256(await File.ReadAllBytesAsync(target, ct)) == entry.Sha256) continue;
            log.WriteLine($"downloading {entry.Url}");
            byte[] bytes;
            try
            {
                bytes = await http.GetByteArrayAsync(new Uri(entry.Url), ct);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // offline machines land here: say which file and how to do without the download
                throw new SampleDataUnavailableException(
                    $"could not download sample file {entry.File} from {entry.Url} ({ex.Message}); set ADSREC_SHARED_DIR to a folder holding data/{entry.File}", ex);
            }
            var actual = Sha256(bytes);
            if (actual != entry.Sha256)
                throw new SampleDataUnavailableException($"{entry.Url}: SHA-256 {actual} does not match the manifest's {entry.Sha256}");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, bytes, ct);
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
