namespace AdsRecommender.Core.Ingest;

/// <summary>Row <paramref name="Index"/> has the same URL as the earlier row <paramref name="SameAs"/>.</summary>
public sealed record DuplicateRow(int Index, int SameAs);
