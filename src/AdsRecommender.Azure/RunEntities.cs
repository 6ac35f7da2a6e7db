using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using Azure.Data.Tables;

namespace AdsRecommender.Azure;

/// <summary>Maps ledger records to and from Table entities (flat columns, readable in Storage Explorer).</summary>
internal static class RunEntities
{
    public static TableEntity ToEntity(RunRecord run) => new(SafeName.Check(run.RunId, "run id"), TableRunLedger.RunRowKey)
    {
        ["CsvName"] = run.CsvName,
        ["Status"] = run.Status.ToString(),
        ["UpdatedUtc"] = run.UpdatedUtc,
        ["RowsRead"] = run.RowsRead,
        ["Skipped"] = run.Skipped,
        ["Embedded"] = run.Embedded,
        ["NoFace"] = run.NoFace,
        ["Failed"] = run.Failed,
        ["Message"] = run.Message is null ? null : TableRunLedger.Cut(run.Message),
    };

    public static RunRecord ToRun(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("CsvName") ?? "",
        Enum.TryParse<RunStatus>(e.GetString("Status"), out var status) ? status : RunStatus.Pending,
        e.GetDateTimeOffset("UpdatedUtc") ?? e.Timestamp ?? DateTimeOffset.MinValue,
        e.GetInt32("RowsRead") ?? 0,
        e.GetInt32("Skipped") ?? 0,
        e.GetInt32("Embedded") ?? 0,
        e.GetInt32("NoFace") ?? 0,
        e.GetInt32("Failed") ?? 0,
        e.GetString("Message"));

    public static TableEntity ToEntity(string runId, VideoResult v) =>
        new(SafeName.Check(runId, "run id"), SafeName.Check(v.VideoId, "video id"))
        {
            ["RowIndex"] = v.RowIndex,
            ["Performance"] = v.Performance,
            ["Status"] = v.Status.ToString(),
            ["Reason"] = v.Reason is null ? null : TableRunLedger.Cut(v.Reason),
            ["FaceCount"] = v.FaceCount,
            ["DownloadMs"] = v.Timings.DownloadMs,
            ["DecodeMs"] = v.Timings.DecodeMs,
            ["DetectMs"] = v.Timings.DetectMs,
            ["EmbedMs"] = v.Timings.EmbedMs,
            ["Reused"] = v.Reused,
            ["UpdatedUtc"] = DateTimeOffset.UtcNow,
        };

    public static VideoResult ToVideo(TableEntity e) => new(
        e.RowKey,
        e.GetInt32("RowIndex") ?? 0,
        e.GetDouble("Performance") ?? 0,
        Enum.TryParse<VideoStatus>(e.GetString("Status"), out var status) ? status : VideoStatus.Pending,
        e.GetString("Reason"),
        e.GetInt32("FaceCount") ?? 0,
        new StageTimings(
            e.GetDouble("DownloadMs") ?? 0,
            e.GetDouble("DecodeMs") ?? 0,
            e.GetDouble("DetectMs") ?? 0,
            e.GetDouble("EmbedMs") ?? 0),
        e.GetBoolean("Reused") ?? false);
}
