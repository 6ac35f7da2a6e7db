namespace AdsRecommender.Core.Pipeline;

/// <summary>Input of <see cref="AnalyzeAdsOrchestrator"/>: the CSV is <paramref name="CsvName"/> in area "input" of the run.</summary>
public sealed record RunRequest(string RunId, string CsvName, RunOptions Options);
