namespace AdsRecommender.Core;

/// <summary>
/// Locates the read-only <c>../shared</c> folder that sits beside a checkout of this repository: walks up from the program
/// and from the working folder to the folder holding <c>AdsRecommender.sln</c> and looks at <c>../shared/...</c> there.
/// </summary>
public static class SharedFolder
{
    /// <summary>
    /// The full path of <paramref name="relativePath"/> inside <c>../shared</c> beside the first repository found that
    /// <paramref name="accept"/> accepts, or null.
    /// </summary>
    public static string? BesideRepository(string relativePath, Func<string, bool> accept)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (!File.Exists(Path.Combine(d.FullName, "AdsRecommender.sln"))) continue;
                var candidate = Path.GetFullPath(Path.Combine(d.FullName, "..", "shared", relativePath));
                if (accept(candidate)) return candidate;
            }
        return null;
    }
}
