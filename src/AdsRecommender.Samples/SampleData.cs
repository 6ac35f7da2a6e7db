using System.Security.Cryptography;
using System.Text.Json;
using AdsRecommender.Core;

namespace AdsRecommender.Samples;

/// <summary>
/// Finds the demo's source photos and video: <c>data/</c> of the shared folder (<see cref="SharedFolder"/>: a setting, or
/// <c>../shared</c> from the working folder). Without it, the files listed in the sample manifest (<c>docs/sample_manifest.json</c>,
/// built into this library) are downloaded from their upstream repositories into a cache folder and checked against
/// their SHA-256.
/// </summary>
public static class SampleData
{
    public static string? FindSharedDataDir() => SharedFolder.Find("data", Directory.Exists);

    /// <summary>The sample manifest built into this assembly, so a packaged tool needs no source tree.</summary>
    public static SampleManifest Manifest()
    {
        using var stream = typeof(SampleData).Assembly.GetManifestResourceStream(ManifestResource)
            ?? throw new InvalidOperationException($"{ManifestResource} is not embedded in {typeof(SampleData).Assembly.GetName().Name}");
        return JsonSerializer.Deserialize<SampleManifest>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{ManifestResource} is empty");
    }

    private const string ManifestResource = "AdsRecommender.Samples.sample_manifest.json";

    /// <summary>A folder holding every file of <see cref="SampleSet.Files"/>: shared/data, or a verified download cache.</summary>
    public static async Task<string> EnsureAsync(TextWriter log, CancellationToken ct)
    {
        var shared = FindSharedDataDir();
        if (shared is not null && SampleSet.Files.All(f => File.Exists(Path.Combine(shared, f)))) return shared;
        var manifest = Manifest();
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
                    $"could not download sample file {entry.File} from {entry.Url} ({ex.Message}); set {SharedFolder.Variable} to a folder holding data/{entry.File}", ex);
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
