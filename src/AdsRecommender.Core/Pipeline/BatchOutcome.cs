using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// What a batch returns: results of its distinct videos and its rows that repeat an earlier URL (copied later by the
/// parent), with the row each repeats.
/// </summary>
public sealed record BatchOutcome(IReadOnlyList<VideoResult> Results, IReadOnlyList<AdRow> DuplicateRows, IReadOnlyList<DuplicateRow>? Duplicates = null);
