namespace AdsRecommender.Core;

/// <summary>
/// The read-only <c>shared</c> folder (<c>data/</c>, <c>models/</c>) that the demo, the benchmarks and the models lookup may
/// read. Said, never searched for (a packaged tool has no source tree to walk up): the setting
/// <c>AdsRecommender:SharedFolder</c> (environment <c>AdsRecommender__SharedFolder</c>), or <c>ADSREC_SHARED_DIR</c>, its
/// older name; without either, <c>../shared</c> from the working folder, which is beside a clone when run from the clone's
/// root (the scripts pass the folder themselves).
/// </summary>
public static class SharedFolder
{
    public const string Variable = "AdsRecommender__SharedFolder";
    public const string OlderVariable = "ADSREC_SHARED_DIR";

    /// <summary>The shared folder's full path, whether or not it exists.</summary>
    public static string Location()
    {
        foreach (var name in new[] { Variable, OlderVariable })
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } configured) return Path.GetFullPath(configured);
        return Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared"));
    }

    /// <summary>The full path of <paramref name="relativePath"/> in the shared folder when <paramref name="accept"/> accepts it, or null.</summary>
    public static string? Find(string relativePath, Func<string, bool> accept)
    {
        var candidate = Path.Combine(Location(), relativePath);
        return accept(candidate) ? candidate : null;
    }
}
