using System.Reflection;

namespace AdsRecommender.Core.Health;

/// <summary>
/// The packages the native parts need (OpenCvSharpExtern: GTK 3, libdrm, libatomic; the decoder: the ffmpeg program), one
/// list per distribution release in deploy/native-packages/&lt;ID&gt;-&lt;VERSION_CODENAME&gt; (embedded at build; the
/// Dockerfile and scripts/setup.sh install the same file through deploy/native-packages.sh), chosen by this machine's
/// /etc/os-release, so the fix printed at start names what the image installs.
/// </summary>
public static class NativePackages
{
    private const string Prefix = "AdsRecommender.Core.Health.NativePackages.";
    private static readonly Lazy<string> LazyRelease = new(() => ReleaseOf(ReadOsRelease()));

    /// <summary>"debian-bookworm": this machine's release as the lists are named ("unknown" without /etc/os-release).</summary>
    public static string Release => LazyRelease.Value;

    /// <summary>The releases a list exists for.</summary>
    public static IReadOnlyList<string> Releases =>
        [.. Assembly.GetExecutingAssembly().GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).Order()];

    /// <summary>The packages for <paramref name="release"/>, or null when there is no list for it.</summary>
    public static IReadOnlyList<string>? For(string release)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + release);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n').Where(l => !l.TrimStart().StartsWith('#')).SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }

    /// <summary>What to run on this machine: the apt command for its release's list, or what to add when there is none.</summary>
    public static string InstallCommand => For(Release) is { } list
        ? $"apt-get install --no-install-recommends {string.Join(' ', list)} (deploy/native-packages/{Release})"
        : $"no package list for this release ({Release}); add deploy/native-packages/{Release} like the ones for {string.Join(", ", Releases)}";

    /// <summary>"ID-VERSION_CODENAME" from the text of an os-release file (os-release(5)); "unknown" parts when absent.</summary>
    public static string ReleaseOf(string osRelease)
    {
        string Value(string key) => osRelease.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(key + "=", StringComparison.Ordinal))
            .Select(l => l[(key.Length + 1)..].Trim('"', '\'')).FirstOrDefault() ?? "unknown";
        return $"{Value("ID")}-{Value("VERSION_CODENAME")}";
    }

    private static string ReadOsRelease()
    {
        foreach (var path in new[] { "/etc/os-release", "/usr/lib/os-release" })
            if (File.Exists(path)) return File.ReadAllText(path);
        return "";
    }
}
