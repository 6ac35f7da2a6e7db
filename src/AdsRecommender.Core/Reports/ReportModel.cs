using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.Core.Reports;

/// <summary>
/// What the HTML report shows: the grouping result, the per-video outcomes (including failed and no-face videos with reasons)
/// and face thumbnails (JPEG or PNG bytes) keyed by video id.
/// </summary>
public sealed record ReportModel(
    GroupingResult Result,
    IReadOnlyList<VideoResult> Videos,
    IReadOnlyDictionary<string, byte[]> Thumbnails,
    string Title = "AdsRecommender report",
    string? RunId = null,
    DateTimeOffset? GeneratedAt = null)
{
    /// <summary>At most this many pairs are listed in the table (all are in the CSV).</summary>
    public int MaxPairRows { get; init; } = 500;
}
