using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Health;

/// <summary>
/// Marks a video's failure reason as the machine's fault (missing model, native library that will not load, decoder program missing), and
/// turns a run in which every video failed for the same such reason into a failed run with that reason.
/// </summary>
public static class EnvironmentFailure
{
    public const string Prefix = "environment: ";

    /// <summary>The exception type names (as in Durable failure details) that mean the machine, not the video, is at fault.</summary>
    private static readonly string[] TypeNames =
    [
        typeof(Models.ModelFileException).FullName!, typeof(DllNotFoundException).FullName!, typeof(TypeInitializationException).FullName!,
        typeof(EntryPointNotFoundException).FullName!, typeof(BadImageFormatException).FullName!,
        typeof(Media.DecoderMissingException).FullName!,
    ];

    /// <summary>Whether <paramref name="e"/> means the machine, not the video, is at fault.</summary>
    public static bool IsEnvironmental(Exception e) => TypeNames.Contains(e.GetType().FullName);

    /// <summary>The failure reason for <paramref name="e"/>, marked when it is environmental.</summary>
    public static string ReasonFor(Exception e) => IsEnvironmental(e) ? Prefix + Describe(e) : e.Message;

    /// <summary>As <see cref="ReasonFor(Exception)"/> for an activity that failed after retries (exception type by name).</summary>
    public static string ReasonFor(string? errorType, string message) =>
        errorType is not null && TypeNames.Contains(errorType) ? Prefix + message : $"gave up after retries: {message}";

    /// <summary>The one environmental reason every video failed for, or null when any video did not fail that way.</summary>
    public static string? CommonReason(IReadOnlyCollection<VideoResult> results)
    {
        if (results.Count == 0) return null;
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            if (ReasonOf(r) is not { } reason) return null;
            reasons.Add(reason);
        }
        return reasons.Count == 1 ? reasons.First() : null;
    }

    /// <summary>The environmental reason <paramref name="result"/> failed for, or null when it did not fail that way.</summary>
    public static string? ReasonOf(VideoResult result)
    {
        var at = result.Status == VideoStatus.Failed && result.Reason is not null ? result.Reason.IndexOf(Prefix, StringComparison.Ordinal) : -1;
        return at < 0 ? null : result.Reason![(at + Prefix.Length)..]; // copies of a failed row say "same URL as video(0): environment: ..."
    }

    private static string Describe(Exception e) =>
        e.InnerException is { } inner && e is TypeInitializationException ? $"{e.Message} ({inner.GetBaseException().Message})" : e.Message;
}
