using System.Text.Json;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Reports;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Vectors;
using AdsRecommender.Core.Workflows;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// The grouping step of a run: reads the embedded videos' vectors from the store, runs <see cref="GroupingEngine"/>,
/// writes both CSVs, <c>report.html</c> and <c>run_summary.json</c> to area "results", and marks the run completed.
/// </summary>
public sealed class RunGrouper(IRunStore store, IRunLedger ledger, TimeProvider? clock = null, ILogger<RunGrouper>? logger = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ILogger _log = logger ?? NullLogger<RunGrouper>.Instance;

    public async Task<GroupVideosOutput> GroupAsync(GroupVideosInput input, CancellationToken ct = default)
    {
        // Failures decided by the orchestrator (retries exhausted) have not been recorded yet.
        foreach (var failed in input.Videos.Where(v => v.Status == VideoStatus.Failed))
            await ledger.UpsertVideoAsync(input.RunId, failed, ct);

        var sets = new List<VideoFaceSet>();
        var thumbnails = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var videos = input.Videos.ToList();
        for (var i = 0; i < videos.Count; i++)
        {
            var video = videos[i];
            if (video.Status != VideoStatus.Embedded) continue;
            try
            {
                sets.Add(await ReadFaceSetAsync(input, video, ct));
            }
            catch (Exception ex) when (ex is NpyFormatException or FileNotFoundException)
            {
                // Vectors lost or damaged since the video was processed: report it, group the rest.
                _log.LogWarning("{VideoId}: vectors unreadable, left out of grouping: {Reason}", video.VideoId, ex.Message);
                videos[i] = video with { Status = VideoStatus.Failed, Reason = $"vectors unreadable: {ex.Message}", FaceCount = 0 };
                await ledger.UpsertVideoAsync(input.RunId, videos[i], ct);
                continue;
            }
            // Every face's thumbnail: a group may recur through a video's second face, and the report shows that face.
            for (var face = 0; face < Math.Max(1, sets[^1].Faces.Count); face++)
            {
                var thumb = VideoProcessor.ThumbnailName(video.VideoId, face);
                if (await store.TryReadBytesAsync(input.RunId, RunAreas.Thumbnails, thumb, ct) is { } jpeg)
                    thumbnails[ReportModel.FaceKey(video.VideoId, face)] = jpeg;
            }
        }
        var original = input.Videos;
        input = input with { Videos = videos };

        var grouping = GroupingEngine.Run(sets, new GroupingOptions
        {
            Threshold = input.Options.Threshold,
            MultiFace = input.Options.MultiFace,
            DefaultThreshold = Thresholds.DefaultCosine,
        });
        _log.LogInformation("Run {RunId}: {Videos} videos with faces, {Pairs} pairs, {Groups} groups at threshold {Threshold} ({Source})",
            input.RunId, sets.Count, grouping.Pairs.Count, grouping.Groups.Count, grouping.Threshold, grouping.ThresholdSource);

        await WriteAsync(input.RunId, ResultFiles.Pairs, s => ResultCsvWriter.WritePairs(s, grouping.Pairs), ct);
        await WriteAsync(input.RunId, ResultFiles.Groups, s => ResultCsvWriter.WriteGroups(s, grouping.Groups), ct);
        await WriteAsync(input.RunId, ResultFiles.Ungrouped, s => ResultCsvWriter.WriteUngrouped(s, grouping), ct);
        var report = new ReportModel(grouping, input.Videos, thumbnails, RunId: input.RunId, GeneratedAt: _clock.GetUtcNow());
        await WriteAsync(input.RunId, ResultFiles.Report, s => HtmlReportWriter.Write(s, report), ct);

        var names = new[] { ResultFiles.Pairs, ResultFiles.Groups, ResultFiles.Ungrouped, ResultFiles.Report, ResultFiles.Summary };
        var finished = _clock.GetUtcNow().UtcDateTime;
        var summary = new RunSummary(input.RunId, input.CsvName, input.StartedUtc, finished, input.RowsRead, input.Problems,
            Count(input, VideoStatus.Embedded), Count(input, VideoStatus.NoFace), Count(input, VideoStatus.Failed),
            input.Videos.Count(v => v.Reused), input.Batches, grouping.Threshold, grouping.ThresholdSource, input.Options.MultiFace,
            grouping.Pairs.Count, grouping.Groups.Count, grouping.Ungrouped,
            input.Videos.Aggregate(new StageTimings(), (a, v) => a.Add(v.Timings)), input.Videos, names);
        await WriteAsync(input.RunId, ResultFiles.Summary, s => JsonSerializer.Serialize(s, summary, VideoProcessor.Json), ct);

        await ledger.UpsertRunAsync(new RunRecord(input.RunId, input.CsvName, RunStatus.Completed, _clock.GetUtcNow(),
            input.RowsRead, input.Problems.Count, summary.Embedded, summary.NoFace, summary.Failed), ct);
        return new GroupVideosOutput(names, grouping.Threshold, grouping.ThresholdSource, grouping.Pairs.Count, grouping.Groups.Count,
            grouping.Ungrouped.Count, videos.Where((v, i) => !ReferenceEquals(v, original[i])).ToList());
    }

    private async Task<VideoFaceSet> ReadFaceSetAsync(GroupVideosInput input, VideoResult video, CancellationToken ct)
    {
        var primary = (await ReadNpyAsync(input.RunId, EmbeddingLayout.PrimaryName(video.VideoId), ct)).Data;
        IReadOnlyList<float[]> faces = [primary];
        if (input.Options.MultiFace && await store.TryReadBytesAsync(input.RunId, RunAreas.Embeddings, EmbeddingLayout.FacesName(video.VideoId), ct) is { } facesNpy)
            faces = SplitRows(Npy.Read(new MemoryStream(facesNpy, writable: false)));
        // degraded references (runs before they existed have none: the weak-face rule then uses the plain centroids)
        List<float[]>? degraded = null;
        if (await store.TryReadBytesAsync(input.RunId, RunAreas.Embeddings, EmbeddingLayout.DegradedName(video.VideoId), ct) is { } degradedNpy)
        {
            try
            {
                degraded = SplitRows(Npy.Read(new MemoryStream(degradedNpy, writable: false)));
            }
            catch (NpyFormatException ex)
            {
                _log.LogWarning("{VideoId}: degraded vectors unreadable, plain weak-face rule for this run: {Reason}", video.VideoId, ex.Message);
            }
            if (degraded is not null && (degraded.Count < faces.Count || degraded.Any(r => r.Length != primary.Length))) degraded = null;
        }
        return new VideoFaceSet(video.VideoId, video.Performance, primary, faces) { DegradedFaces = degraded };
    }

    private static int Count(GroupVideosInput input, VideoStatus status) => input.Videos.Count(v => v.Status == status);

    private static List<float[]> SplitRows(NpyArray matrix)
    {
        if (matrix.Shape.Length != 2) throw new NpyFormatException($"faces matrix must be 2-D, shape was [{string.Join(",", matrix.Shape)}]");
        int rows = matrix.Shape[0], cols = matrix.Shape[1];
        var list = new List<float[]>(rows);
        for (var r = 0; r < rows; r++) list.Add(matrix.Data.AsSpan(r * cols, cols).ToArray());
        return list;
    }

    private async Task<NpyArray> ReadNpyAsync(string runId, string name, CancellationToken ct) =>
        Npy.Read(new MemoryStream(await store.ReadBytesAsync(runId, RunAreas.Embeddings, name, ct), writable: false));

    private async Task WriteAsync(string runId, string name, Action<Stream> write, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        await store.WriteAsync(runId, RunAreas.Results, name, buffer, ct);
    }
}
