namespace AdsRecommender.Core.Ingest;

/// <summary>A CSV row that was skipped. <paramref name="LineNumber"/> is 1-based in the file (header is line 1).</summary>
public sealed record RowProblem(int LineNumber, string Message);
