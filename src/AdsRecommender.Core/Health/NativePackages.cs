using System.Reflection;
using System.Text.RegularExpressions;

namespace AdsRecommender.Core.Health;

/// <summary>
/// The Debian packages the native libraries (OpenCvSharpExtern, ONNX Runtime) need, read from the Dockerfile's
/// <c>ARG NATIVE_PACKAGES="..."</c> line (embedded at build), so the fix printed at start names the same list the image installs.
/// </summary>
public static partial class NativePackages
{
    private static readonly Lazy<IReadOnlyList<string>> LazyList = new(() => Parse(ReadDockerfile()));

    public static IReadOnlyList<string> List => LazyList.Value;

    /// <summary>The apt command that installs <see cref="List"/>.</summary>
    public static string InstallCommand => $"apt-get install --no-install-recommends {string.Join(' ', List)}";

    /// <summary>The packages named on the <c>ARG NATIVE_PACKAGES="..."</c> line of <paramref name="dockerfile"/>.</summary>
    public static IReadOnlyList<string> Parse(string dockerfile)
    {
        var match = ArgLine().Match(dockerfile);
        if (!match.Success) throw new InvalidOperationException("The Dockerfile has no ARG NATIVE_PACKAGES=\"...\" line.");
        return match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string ReadDockerfile()
    {
        const string resource = "AdsRecommender.Core.Health.Dockerfile";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from AdsRecommender.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^ARG NATIVE_PACKAGES=\"([^\"]*)\"", RegexOptions.Multiline)]
    private static partial Regex ArgLine();
}
