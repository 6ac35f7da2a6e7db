using System.Text.Json;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Reports;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Vectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// The grouping step of a run: reads the embedded videos' vectors (<see cref="PackedBatches"/>, <see cref="VideoArtefacts"/>), clusters them
/// (<see cref="GroupingEngine"/>) and shapes the rows (<see cref="ResultProjection"/>), writes the CSVs, <c>report.html</c> and <c>run_summary.json</c> to area "results", and marks the run completed.
/// </summary>
public sealed class RunGrouper(VideoArtefacts artefacts, PackedBatches packed, ResultStore results, SimilarityShardStore shards, IRunLedger ledger,
    TimeProvider? clock = null, ILogger<RunGrouper>? logger = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ILogger _log = logger ?? NullLogger<RunGrouper>.Instance;

    /// <summary>Groups the run; with <paramref name="sharded"/> the pairs come from the tiles' pair shards, not from a scan here.</summary>
    public async Task<GroupedRun> GroupAsync(GroupingRun input, ShardPlan? sharded = null, CancellationToken ct = default)
    {
        // the orchestration carries no per-video list: every video of the run comes from the ledger, in row order; the
        // report and summary need only its outcomes (counts, the first problem videos), so the list is dropped once read
        var (sets, outcomes, lost) = await ReadEmbeddedAsync(input, ct);

        // sharded: the same videos in the same order as when the shards were written (lost ones were recorded failed then)
        var edges = sharded is { } plan ? new PairShardEdges(shards, input.RunId, plan, ct) : null;
        var grouping = ResultProjection.Project(GroupingEngine.Cluster(sets, Options(input), edges));
        _log.LogInformation("Run {RunId}: {Videos} videos with faces, {Pairs} pairs, {Groups} groups at threshold {Threshold} ({Source})",
            input.RunId, sets.Count, grouping.Pairs.Count, grouping.Groups.Count, grouping.Threshold, grouping.ThresholdSource);

        var names = new[] { ResultFiles.Pairs, ResultFiles.Groups, ResultFiles.Ungrouped, ResultFiles.RowProblems, ResultFiles.Report, ResultFiles.Summary };
        await WriteResultsAsync(input, outcomes, grouping, names, ct);
        await ledger.UpsertRunAsync(new RunRecord(input.RunId, input.CsvName, RunStatus.Completed, _clock.GetUtcNow(),
            input.RowsRead, input.SkippedRows, outcomes.Embedded, outcomes.NoFace, outcomes.Failed), ct);
        return new GroupedRun(names, grouping.Threshold, grouping.ThresholdSource, grouping.Pairs.Count, grouping.Groups.Count,
            grouping.Ungrouped.Count, lost);
    }

    /// <summary>
    /// The sharded path's first step: writes the run's face vectors as similarity shards (<see cref="SimilarityTiles"/>)
    /// in the order <see cref="GroupAsync"/> will read them, and returns the plan the tiles follow. The vectors stream
    /// through: one packed batch and one shard in memory, not the run's vectors (only the ledger's list of videos is held).
    /// </summary>
    public async Task<ShardPlan> PlanShardsAsync(GroupingRun input, CancellationToken ct = default)
    {
        var options = Options(input);
        var writer = new SimilarityShardWriter(shards, input.RunId, input.Options.SimilarityShardFaces);
        var (videos, dim) = (0, -1);
        await ForEachEmbeddedAsync(input, null, withSharpness: false, async set =>
        {
            if (set.Primary.Length == 0) return; // no face node, as GroupingEngine leaves such videos out
            videos++;
            if (dim < 0) dim = set.Primary.Length;
            GroupingEngine.CheckLength(set, dim);
            var faces = GroupingEngine.NodeFaces(set, options.MultiFace);
            for (var f = 0; f < faces.Count; f++) await writer.AddAsync(faces[f], primary: f == 0, ct);
        }, ct);
        var plan = await writer.CompleteAsync(options, ct);
        _log.LogInformation("Run {RunId}: {Faces} faces of {Videos} videos in {Shards} similarity shards", input.RunId, plan.Faces, videos, plan.Shards);
        return plan;
    }

    private static GroupingOptions Options(GroupingRun input) => new()
    {
        Threshold = input.Options.Threshold,
        MultiFace = input.Options.MultiFace,
        DefaultThreshold = Thresholds.DefaultCosine,
    };

    /// <summary>
    /// The embedded videos' vectors, read in the ledger's row order, and the outcomes of all the run's videos; videos whose
    /// vectors are unreadable are recorded failed (in the ledger and the outcomes).
    /// </summary>
    private async Task<(List<VideoFaceSet> Sets, VideoOutcomes Outcomes, int Lost)> ReadEmbeddedAsync(GroupingRun input, CancellationToken ct)
    {
        var sets = new List<VideoFaceSet>();
        var outcomes = new VideoOutcomes(ReportModel.DefaultMaxProblemRows);
        var lost = await ForEachEmbeddedAsync(input, outcomes, withSharpness: true, set =>
        {
            sets.Add(set);
            return Task.CompletedTask;
        }, ct);
        return (sets, outcomes, lost);
    }

    /// <summary>
    /// Visits the face set of every embedded video whose vectors can be read, in the ledger's row order (the order both the
    /// plan and the grouping number the faces in), tallying every video's outcome; returns how many were lost (vectors
    /// unreadable: recorded failed, left out). Without <paramref name="withSharpness"/> the faces' sharpness (one
    /// <c>faces.json</c> read per video) is not read: the shards hold vectors only.
    /// </summary>
    private async Task<int> ForEachEmbeddedAsync(GroupingRun input, VideoOutcomes? outcomes, bool withSharpness, Func<VideoFaceSet, Task> visit,
        CancellationToken ct)
    {
        // the ledger's list is the one per-video list held; the vectors come a packed batch at a time
        var videos = await ledger.GetVideosAsync(input.RunId, ct);
        var cursor = new PackedCursor(packed, input.RunId, input.Batches);
        var lost = 0;
        foreach (var video in videos)
        {
            if (video.Status != VideoStatus.Embedded)
            {
                outcomes?.Add(video);
                continue;
            }
            VideoFaceSet set;
            try
            {
                var stored = await cursor.FindAsync(video, ct) ?? await artefacts.ReadStoredAsync(input.RunId, video.VideoId, ct);
                set = await ToFaceSetAsync(input, video, stored, withSharpness, ct);
            }
            catch (Exception ex) when (ex is NpyFormatException or FileNotFoundException)
            {
                // Vectors lost or damaged since the video was processed: report it, group the rest.
                _log.LogWarning("{VideoId}: vectors unreadable, left out of grouping: {Reason}", video.VideoId, ex.Message);
                var failed = video with { Status = VideoStatus.Failed, Reason = $"vectors unreadable: {ex.Message}", FaceCount = 0 };
                await ledger.UpsertVideoAsync(input.RunId, failed, ct);
                outcomes?.Add(failed);
                lost++;
                continue;
            }
            outcomes?.Add(video);
            await visit(set);
        }
        return lost;
    }

    /// <summary>Writes the CSVs, the report and the summary (last) to area "results".</summary>
    private async Task WriteResultsAsync(GroupingRun input, VideoOutcomes outcomes, GroupingResult grouping, string[] names, CancellationToken ct)
    {
        await results.WriteAsync(input.RunId, ResultFiles.Pairs, s => ResultCsvWriter.WritePairs(s, grouping.Pairs), ct);
        await results.WriteAsync(input.RunId, ResultFiles.Groups, s => ResultCsvWriter.WriteGroups(s, grouping.Groups), ct);
        await results.WriteAsync(input.RunId, ResultFiles.Ungrouped, s => ResultCsvWriter.WriteUngrouped(s, grouping), ct);
        // the first few skipped rows from row_problems.csv (written when the CSV was read); the count covers them all
        var skipped = await results.ReadRowProblemsAsync(input.RunId, RowProblemsCsv.Shown, ct);
        // a group may recur through a video's second face, and the report shows that face: read when shown, not held
        var report = new ReportModel(grouping, [], new Dictionary<string, byte[]>(), RunId: input.RunId, GeneratedAt: _clock.GetUtcNow())
        {
            Outcomes = outcomes,
            ThumbnailSource = (video, face) => artefacts.TryReadThumbnailAsync(input.RunId, video, face, ct).GetAwaiter().GetResult(),
            SkippedRows = input.SkippedRows, FirstSkipped = skipped,
        };
        await results.WriteAsync(input.RunId, ResultFiles.Report, s => HtmlReportWriter.Write(s, report), ct);

        var finished = _clock.GetUtcNow().UtcDateTime;
        var summary = new RunSummary(input.RunId, input.CsvName, input.StartedUtc, finished, input.RowsRead, input.SkippedRows, skipped,
            outcomes.Embedded, outcomes.NoFace, outcomes.Failed, outcomes.Reused, input.Batches, grouping.Threshold, grouping.ThresholdSource,
            input.Options.MultiFace, grouping.Pairs.Count, grouping.Groups.Count, grouping.Ungrouped.Count, outcomes.Timings, names,
            RunSummaryLists.For(input.RunId));
        await results.WriteAsync(input.RunId, ResultFiles.Summary, s => JsonSerializer.Serialize(s, summary, RunJson.Options), ct);
    }

    /// <summary>A video's face set from its stored vectors: all faces with multi-face, else the primary alone.</summary>
    private async Task<VideoFaceSet> ToFaceSetAsync(GroupingRun input, VideoResult video, StoredVectors stored, bool withSharpness, CancellationToken ct)
    {
        var multiFace = input.Options.MultiFace;
        var primary = stored.Primary;
        IReadOnlyList<float[]> faces = multiFace && stored.Faces is { } rows ? rows : [primary];
        // degraded references (runs before they existed have none: the weak-face rule then uses the plain centroids)
        if (stored.DegradedProblem is { } problem)
            _log.LogWarning("{VideoId}: degraded vectors unreadable, plain weak-face rule for this run: {Reason}", video.VideoId, problem);
        var degraded = stored.Degraded;
        if (degraded is not null && (degraded.Count < faces.Count || degraded.Any(r => r.Length != primary.Length))) degraded = null;
        // sharpness for the low-quality pair gate (none stored: every face counts as sharp) and the background faces
        // (grouped when they recur; the in-memory path only, which reads faces.json anyway)
        double[]? sharpness = null;
        List<BackgroundFace>? background = null;
        try
        {
            if (withSharpness && await artefacts.ReadMetaAsync(input.RunId, video.VideoId, ct) is { } meta)
            {
                sharpness = VideoArtefacts.Sharpness(meta, faces.Count);
                if (multiFace && meta.Background.Count > 0 && await artefacts.TryReadBackgroundAsync(input.RunId, video.VideoId, ct) is { } kept
                    && kept.Count == meta.Background.Count && kept.All(r => r.Length == primary.Length))
                    background = kept.Select((r, k) => new BackgroundFace(r, null, meta.Background[k].Sharpness ?? double.NaN)).ToList();
            }
        }
        catch (JsonException ex)
        {
            _log.LogWarning("{VideoId}: faces.json unreadable, its faces count as sharp: {Reason}", video.VideoId, ex.Message);
        }
        catch (NpyFormatException ex)
        {
            _log.LogWarning("{VideoId}: background vectors unreadable, grouped without them: {Reason}", video.VideoId, ex.Message);
        }
        return new VideoFaceSet(video.VideoId, video.Performance, primary, faces) { DegradedFaces = degraded, Sharpness = sharpness, Background = background };
    }
}
