using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Reports;

/// <summary>
/// What the HTML report shows: the grouping result, the per-video outcomes (including failed and no-face videos with reasons)
/// and face thumbnails (JPEG or PNG bytes). Thumbnails are looked up by <see cref="FaceKey"/> (one per face of a video) first,
/// then by video id (the primary face). Lists that grow with the run are cut at the <c>Max…</c> caps: the report is for a
/// person to read; the CSVs, and the ledger for per-video outcomes, hold everything.
/// </summary>
/// <param name="Videos">The run's videos, for lists small enough to hold (tests, small tools); a run's grouping step passes
/// none and sets <see cref="Outcomes"/> instead.</param>
public sealed record ReportModel(
    GroupingResult Result,
    IReadOnlyList<VideoResult> Videos,
    IReadOnlyDictionary<string, byte[]> Thumbnails,
    string Title = "AdsRecommender report",
    string? RunId = null,
    DateTimeOffset? GeneratedAt = null)
{
    /// <summary>Bad rows of the input CSV (all of them, listed or not).</summary>
    public int SkippedRows { get; init; }

    /// <summary>The first skipped rows (the rest are in <c>row_problems.csv</c>).</summary>
    public IReadOnlyList<RowProblem> FirstSkipped { get; init; } = [];

    /// <summary>
    /// Reads a face's thumbnail when the report shows it (video id, face index; null: none), consulted before
    /// <see cref="Thumbnails"/>: a run's grouping step reads only the thumbnails the report shows, one at a time, instead of
    /// holding every face's thumbnail while it groups.
    /// </summary>
    public Func<string, int, byte[]?>? ThumbnailSource { get; init; }

    /// <summary>The run's videos as counts and the first problem videos; when null, tallied from <see cref="Videos"/>.</summary>
    public VideoOutcomes? Outcomes { get; init; }

    /// <summary>At most this many pairs are listed in the table (all are in the CSV).</summary>
    public int MaxPairRows { get; init; } = 500;

    /// <summary>At most this many groups are shown as cards with thumbnails (the first in report order; all are in the groups CSV).</summary>
    public int MaxGroupCards { get; init; } = 200;

    /// <summary>At most this many of a group's videos are shown with thumbnails on its card (a face may recur in thousands of videos).</summary>
    public int MaxGroupThumbnails { get; init; } = 20;

    /// <summary>At most this many groups are plotted in the group-performance chart (never more than <see cref="MaxGroupCards"/>).</summary>
    public int MaxChartGroups { get; init; } = 50;

    /// <summary>At most this many ungrouped videos are shown with thumbnails (all are in the ungrouped CSV).</summary>
    public int MaxUngroupedThumbnails { get; init; } = 100;

    /// <summary>At most this many videos without a usable face are listed (all are in the run's ledger).</summary>
    public int MaxProblemRows { get; init; } = DefaultMaxProblemRows;

    /// <summary>The default of <see cref="MaxProblemRows"/>: how many problem videos a run's <see cref="VideoOutcomes"/> keeps.</summary>
    public const int DefaultMaxProblemRows = 200;

    /// <summary>The tally the report shows: <see cref="Outcomes"/>, else one taken from <see cref="Videos"/>.</summary>
    internal VideoOutcomes Counts() => Outcomes ?? VideoOutcomes.Of(Videos, MaxProblemRows);

    /// <summary>Thumbnail key of face <paramref name="faceIndex"/> (0 = primary) of a video: <c>video(3)#1</c>.</summary>
    public static string FaceKey(string videoId, int faceIndex) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{videoId}#{faceIndex}");

    /// <summary>The thumbnail of that face, else of the video's primary face, else null.</summary>
    public byte[]? ThumbnailFor(string videoId, int faceIndex = 0) =>
        ThumbnailSource?.Invoke(videoId, faceIndex) is { Length: > 0 } read ? read
        : Thumbnails.TryGetValue(FaceKey(videoId, faceIndex), out var face) && face is { Length: > 0 } ? face
        : faceIndex == 0 && Thumbnails.TryGetValue(videoId, out var primary) && primary is { Length: > 0 } ? primary
        : null;
}
