namespace AdsRecommender.Core.Ingest;

/// <summary>Rows whose URLs are the same after <see cref="AdRowGrouping.NormalizeUrl"/>; download once, use for all.</summary>
public sealed record UrlGroup(string NormalizedUrl, IReadOnlyList<AdRow> Rows);
