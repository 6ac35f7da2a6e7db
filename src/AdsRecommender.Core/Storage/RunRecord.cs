namespace AdsRecommender.Core.Storage;

/// <summary>A run as recorded in the ledger: where its input is, how far it got.</summary>
public sealed record RunRecord(
    string RunId,
    string CsvName,
    RunStatus Status,
    DateTimeOffset UpdatedUtc,
    int RowsRead = 0,
    int Skipped = 0,
    int Embedded = 0,
    int NoFace = 0,
    int Failed = 0,
    string? Message = null);
