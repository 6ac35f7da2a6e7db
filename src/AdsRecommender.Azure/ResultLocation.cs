namespace AdsRecommender.Azure;

/// <summary>A result file of a run: its name in area "results" and its blob address.</summary>
public sealed record ResultLocation(string Name, string Location);
