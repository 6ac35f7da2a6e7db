namespace AdsRecommender.Testing;

/// <summary>Finds the read-only <c>../shared</c> folder beside the repository (or <c>ADSREC_SHARED_DIR</c>); child processes of the CLI get it as <c>AdsRecommender__SharedFolder</c> (<see cref="CliProcess"/>).</summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Dir => Root.Value;
    public static string Models => Path.Combine(Dir, "models");
    public static string Photos => Path.Combine(Dir, "data", "photos");
    public static string ExtraPhotos => Path.Combine(Dir, "data", "extra_photos");
    public static string Videos => Path.Combine(Dir, "data", "videos");

    /// <summary>The LFW calibration set (90 identities, 4-8 photos each; see its README).</summary>
    public static string CalibrationPhotos => Path.Combine(Dir, "data", "calibration");

    /// <summary>The identity folders of <see cref="Photos"/> and <see cref="CalibrationPhotos"/>: name to folder (the protocol's 105 identities).</summary>
    public static IReadOnlyDictionary<string, string> ProtocolIdentities() =>
        new[] { Photos, CalibrationPhotos }.SelectMany(Directory.GetDirectories)
            .ToDictionary(d => Path.GetFileName(d), d => d, StringComparer.Ordinal);

    public static string Photo(string identity, int n) => Path.Combine(Photos, identity, $"{n}.jpg");

    public static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "AdsRecommender.sln"))) return d.FullName;
            throw new DirectoryNotFoundException("AdsRecommender.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("ADSREC_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var candidate = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        if (Directory.Exists(Path.Combine(candidate, "models"))) return candidate;
        throw new DirectoryNotFoundException($"shared/ not found at {candidate}; set ADSREC_SHARED_DIR.");
    }
}
