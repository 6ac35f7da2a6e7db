using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Storage;

/// <summary>One page of a run's videos from the ledger; <paramref name="Continuation"/> asks for the next, null after the last.</summary>
public sealed record VideoPage(IReadOnlyList<VideoResult> Videos, string? Continuation)
{
    public const int MaxPageSize = 1000;

    public static int CheckPageSize(int pageSize) =>
        pageSize is >= 1 and <= MaxPageSize ? pageSize : throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"page size must be 1..{MaxPageSize}");
}
