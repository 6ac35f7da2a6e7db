namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// Reads the run's CSV. <paramref name="Skip"/>/<paramref name="Take"/> select a slice of the valid rows.
/// With <paramref name="Summary"/> the answer carries every problem and every duplicate of the whole file;
/// without, only the slice's rows and the duplicates among them (a batch's view).
/// </summary>
public sealed record ReadAdsInput(string RunId, string CsvName, int Skip, int Take, bool Summary);
