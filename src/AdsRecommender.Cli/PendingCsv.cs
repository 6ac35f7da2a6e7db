namespace AdsRecommender.Cli;

/// <summary>A CSV found by <c>adsrec watch</c> that has not been run yet.</summary>
public sealed record PendingCsv(string BlobName, string CsvName, string RunId, byte[] Content);
