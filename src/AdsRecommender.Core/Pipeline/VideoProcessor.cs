using System.Diagnostics;
using System.Text.Json;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// One row, start to finish: reuse a finished result for the same URL, else download to a temp file, find faces,
/// store the video, vectors, thumbnails and <c>faces.json</c> (through <see cref="VideoArtefacts"/>), and record it in the ledger.
/// Permanent failures (HTTP 404, refused address, not a video) come back as <see cref="VideoStatus.Failed"/> with the reason;
/// only transient ones throw <see cref="TransientVideoException"/>. At most <see cref="AdsRecommenderOptions.ActivitySlots"/>
/// videos are in flight (downloading, analysing, storing) and CPU-bound analysis is limited to
/// <see cref="AdsRecommenderOptions.MaxParallelAnalyses"/> at a time, however many activities the worker is handed.
/// </summary>
public sealed class VideoProcessor(
    VideoArtefacts artefacts,
    IRunLedger ledger,
    IDownloaderFactory downloaders,
    IVideoFaceAnalyzer analyzer,
    IOptions<AdsRecommenderOptions> settings,
    ILogger<VideoProcessor>? logger = null) : IVideoProcessing, IDisposable
{
    private readonly VideoArtefacts _artefacts = artefacts;
    private readonly AdsRecommenderOptions options = settings.Value;
    private readonly LargestFirstGate _analysisGate = new(Math.Max(1, settings.Value.MaxParallelAnalyses));
    private readonly SemaphoreSlim _videoGate = new(settings.Value.ActivitySlots);
    private readonly ILogger _log = logger ?? NullLogger<VideoProcessor>.Instance;

    public async Task<VideoResult> ProcessAsync(string runId, AdRow row, RunOptions runOptions, CancellationToken ct = default)
    {
        await _videoGate.WaitAsync(ct);
        try
        {
            return await ProcessGatedAsync(runId, row, runOptions, ct);
        }
        finally
        {
            _videoGate.Release();
        }
    }

    private async Task<VideoResult> ProcessGatedAsync(string runId, AdRow row, RunOptions runOptions, CancellationToken ct)
    {
        var reused = await TryReuseAsync(runId, row, ct);
        if (reused is not null)
        {
            _log.LogInformation("{VideoId} already done for {Url}: reused ({Status})", row.VideoId, row.Url, reused.Status);
            await ledger.UpsertVideoAsync(runId, reused, ct);
            return reused;
        }

        var temp = TempFile(runId, row);
        try
        {
            var watch = Stopwatch.StartNew();
            var download = await downloaders.Get(runOptions).DownloadAsync(row.Url, temp, ct);
            var downloadMs = watch.Elapsed.TotalMilliseconds;

            VideoFaces faces;
            using (await _analysisGate.EnterAsync(download.Bytes, ct)) // the largest downloaded video first (bytes: a cheap proxy for decoding work)
                faces = await analyzer.AnalyzeAsync(temp, ct);

            var timings = faces.Timings with { DownloadMs = downloadMs };
            var result = await StoreAsync(runId, row, temp, download, faces, timings, ct);
            await ledger.UpsertVideoAsync(runId, result, ct);
            _log.LogInformation("{VideoId}: {Status}, {Faces} face(s), {Ms:0} ms", row.VideoId, result.Status, result.FaceCount, timings.TotalMs);
            return result;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (Transient(ex, ct) is { } reason)
        {
            _log.LogWarning("{VideoId}: transient failure, will be retried: {Reason}", row.VideoId, reason);
            throw new TransientVideoException($"{row.VideoId}: {reason}", ex);
        }
        catch (Exception ex)
        {
            var reason = ex switch
            {
                VideoDecodeException => $"not a video: {ex.Message}",
                _ => Health.EnvironmentFailure.ReasonFor(ex),
            };
            _log.LogInformation("{VideoId} failed: {Reason}", row.VideoId, reason);
            var failed = VideoResult.Failed(row.VideoId, row.Index, row.Performance, reason);
            await ledger.UpsertVideoAsync(runId, failed, ct);
            return failed;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Row <paramref name="target"/> repeats the URL of <paramref name="source"/>'s row: copy its files under the target's id.</summary>
    public async Task<VideoResult> CopyAsync(string runId, VideoResult source, AdRow target, CancellationToken ct = default)
    {
        var sameAs = $"same URL as {source.VideoId}";
        if (source.Status is not (VideoStatus.Embedded or VideoStatus.NoFace))
        {
            var failed = VideoResult.Failed(target.VideoId, target.Index, target.Performance, $"{sameAs}: {source.Reason}");
            await ledger.UpsertVideoAsync(runId, failed, ct);
            return failed;
        }

        var existing = await TryReuseAsync(runId, target, ct);
        if (existing is not null)
        {
            await ledger.UpsertVideoAsync(runId, existing, ct);
            return existing;
        }

        var meta = await _artefacts.ReadMetaAsync(runId, source.VideoId, ct)
            ?? throw new TransientVideoException($"{source.VideoId}: faces.json missing, cannot copy to {target.VideoId}");
        var videoFile = VideoNames.FileNameFor(target);
        if (meta.VideoFile is not null)
            await _artefacts.CopyVideoAsync(runId, meta.VideoFile, videoFile, ct);
        var (faces, background) = await _artefacts.CopyThumbnailsAsync(runId, meta, target.VideoId, ct);
        if (meta.Faces.Count > 0)
            await _artefacts.CopyVectorsAsync(runId, source.VideoId, target.VideoId, ct);
        var copy = meta with
        {
            VideoId = target.VideoId, RowIndex = target.Index, Performance = target.Performance,
            Faces = faces, Background = background, VideoFile = meta.VideoFile is null ? null : videoFile,
        };
        await _artefacts.WriteMetaAsync(runId, copy, ct);
        var result = new VideoResult(target.VideoId, target.Index, target.Performance, source.Status, sameAs,
            source.FaceCount, new StageTimings(), Reused: true);
        await ledger.UpsertVideoAsync(runId, result, ct);
        return result;
    }

    /// <summary>
    /// A finished result for this row's URL, if the store has one (faces.json written last, same URL, vectors present, made
    /// by the same recogniser and settings: after a model change the video is analysed again).
    /// </summary>
    public async Task<VideoResult?> TryReuseAsync(string runId, AdRow row, CancellationToken ct = default)
    {
        VideoFacesMeta? meta;
        try
        {
            meta = await _artefacts.ReadMetaAsync(runId, row.VideoId, ct);
        }
        catch (JsonException)
        {
            return null;
        }
        if (meta is null || meta.Url != row.Url.AbsoluteUri) return null;
        if (meta.EmbeddingModel != analyzer.EmbeddingModelId)
        {
            _log.LogInformation("{VideoId}: stored vectors were made by {Stored}, now {Current}: analysing again", row.VideoId, meta.EmbeddingModel ?? "an earlier version", analyzer.EmbeddingModelId);
            return null;
        }
        if (meta.Faces.Count > 0 && !await _artefacts.HasPrimaryAsync(runId, row.VideoId, ct))
            return null;
        var status = meta.Faces.Count > 0 ? VideoStatus.Embedded : VideoStatus.NoFace;
        return new VideoResult(row.VideoId, row.Index, row.Performance, status, status == VideoStatus.NoFace ? "no face found" : null,
            meta.Faces.Count, new StageTimings(), Reused: true);
    }

    private async Task<VideoResult> StoreAsync(string runId, AdRow row, string temp, DownloadResult download, VideoFaces faces,
        StageTimings timings, CancellationToken ct)
    {
        var videoFile = VideoNames.FileNameFor(row);
        await _artefacts.WriteVideoAsync(runId, videoFile, temp, ct);

        var people = faces.People;
        var faceMetas = new List<FaceMeta>(people.Count);
        if (people.Count > 0)
        {
            var cols = people[0].Embedding.Length;
            var degraded = people.All(p => p.DegradedEmbedding?.Length == cols) ? people.Select(p => p.DegradedEmbedding!).ToList() : null;
            await _artefacts.WriteVectorsAsync(runId, row.VideoId, people.Select(p => p.Embedding).ToList(), degraded, ct);
            for (var i = 0; i < people.Count; i++)
            {
                var p = people[i];
                var thumb = p.ThumbnailJpeg is { Length: > 0 } jpeg ? await _artefacts.WriteThumbnailAsync(runId, row.VideoId, i, jpeg, ct) : null;
                faceMetas.Add(new FaceMeta(i, p.TrackId, p.Prominence, p.FrameCount, p.MeanFaceSize, p.MeanScore, thumb, p.Sharpness));
            }
        }

        // background faces (no cast evidence): reported, and grouped only when they recur as another video's cast face
        await _artefacts.WriteBackgroundAsync(runId, row.VideoId, faces.Background.Select(p => p.Embedding).ToList(), ct);
        var background = new List<FaceMeta>(faces.Background.Count);
        for (var k = 0; k < faces.Background.Count; k++)
        {
            var p = faces.Background[k]; // its thumbnail at the row grouping gives it if it recurs
            var thumb = p.ThumbnailJpeg is { Length: > 0 } jpeg ? await _artefacts.WriteThumbnailAsync(runId, row.VideoId, FaceMeta.BackgroundRow(people.Count, k), jpeg, ct) : null;
            background.Add(new FaceMeta(-1, p.TrackId, p.Prominence, p.FrameCount, p.MeanFaceSize, p.MeanScore, thumb, p.Sharpness));
        }
        await _artefacts.WriteMetaAsync(runId, new VideoFacesMeta(row.VideoId, row.Index, row.Performance, row.Url.AbsoluteUri,
            download.Sha256, download.Bytes, faces.FramesSampled, faceMetas, timings, videoFile, analyzer.EmbeddingModelId) { Background = background }, ct);
        var status = people.Count > 0 ? VideoStatus.Embedded : VideoStatus.NoFace;
        return new VideoResult(row.VideoId, row.Index, row.Performance, status, status == VideoStatus.NoFace ? "no face found" : null,
            people.Count, timings);
    }

    private string TempFile(string runId, AdRow row)
    {
        var dir = options.TempDirectory ?? Path.Combine(Path.GetTempPath(), "adsrec");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $"{SafeName.Check(runId, "run id")}-{row.VideoId}-{Guid.NewGuid():N}.mp4");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The reason if <paramref name="ex"/> is worth retrying, else null.</summary>
    internal static string? Transient(Exception ex, CancellationToken ct) => ex switch
    {
        TransientVideoException => ex.Message,
        VideoDownloadException d => d.IsTransient ? d.Message : null,
        HttpRequestException or TimeoutException => ex.Message,
        TaskCanceledException when !ct.IsCancellationRequested => "timed out: " + ex.Message,
        IOException io when io is not FileNotFoundException and not DirectoryNotFoundException
            && io.InnerException is System.Net.Sockets.SocketException => ex.Message,
        _ => null,
    };

    public void Dispose()
    {
        _videoGate.Dispose();
    }
}
