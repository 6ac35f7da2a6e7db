using System.Text.Json;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Vectors;

namespace AdsRecommender.Core.Storage;

/// <summary>
/// The files of one video in a run, over an <see cref="IRunStore"/>: the downloaded file (area "videos", name from
/// <c>VideoNames</c>); in area "embeddings" the primary face as a (d,) vector <c>{id}.npy</c>, all faces as a (k,d) matrix
/// <c>{id}.faces.npy</c> (row 0 = primary), optionally their degraded embeddings <c>{id}.degraded.npy</c> (rows aligned
/// with the faces), the faces without cast evidence <c>{id}.background.npy</c> (rows in the order of faces.json's
/// background list) and <c>{id}.faces.json</c> (<see cref="VideoFacesMeta"/>), written last: its presence means the video
/// is finished; in area "thumbnails" <c>{id}.face{row}.jpg</c>. The per-video workflow writes them, the copy phase copies
/// them, the grouping step reads them.
/// </summary>
public sealed class VideoArtefacts(IRunStore store)
{
    public static string PrimaryName(string videoId) => $"{videoId}.npy";

    public static string FacesName(string videoId) => $"{videoId}.faces.npy";

    public static string DegradedName(string videoId) => $"{videoId}.degraded.npy";

    public static string BackgroundName(string videoId) => $"{videoId}.background.npy";

    public static string FacesMetaName(string videoId) => $"{videoId}.faces.json";

    public static string ThumbnailName(string videoId, int faceRow) => $"{videoId}.face{faceRow}.jpg";

    public async Task WriteVideoAsync(string runId, string videoFile, string localPath, CancellationToken ct)
    {
        await using var video = File.OpenRead(localPath);
        await store.WriteAsync(runId, RunAreas.Videos, videoFile, video, ct);
    }

    /// <summary>
    /// Writes a video's face vectors: <paramref name="faces"/>[0] as the primary vector, all as the faces matrix, and the
    /// degraded matrix when given (same rows and width).
    /// </summary>
    public async Task WriteVectorsAsync(string runId, string videoId, IReadOnlyList<float[]> faces, IReadOnlyList<float[]>? degraded,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(faces);
        await WriteAsync(runId, PrimaryName(videoId), s => Npy.WriteVector(s, faces[0]), ct);
        await WriteMatrixAsync(runId, FacesName(videoId), faces, ct);
        if (degraded is not null) await WriteMatrixAsync(runId, DegradedName(videoId), degraded, ct);
    }

    /// <summary>Writes a video's background faces (no cast evidence) as a (k,d) matrix, rows in faces.json's background order.</summary>
    public Task WriteBackgroundAsync(string runId, string videoId, IReadOnlyList<float[]> faces, CancellationToken ct) =>
        faces.Count == 0 ? Task.CompletedTask : WriteMatrixAsync(runId, BackgroundName(videoId), faces, ct);

    /// <summary>The background faces' rows, or null when the video has none (or its run was stored before they were).</summary>
    public Task<List<float[]>?> TryReadBackgroundAsync(string runId, string videoId, CancellationToken ct) =>
        store.TryReadRowsAsync(runId, BackgroundName(videoId), ct);

    /// <summary>Writes face <paramref name="faceRow"/>'s thumbnail and returns its name.</summary>
    public async Task<string> WriteThumbnailAsync(string runId, string videoId, int faceRow, byte[] jpeg, CancellationToken ct)
    {
        var name = ThumbnailName(videoId, faceRow);
        await store.WriteAsync(runId, RunAreas.Thumbnails, name, new MemoryStream(jpeg, writable: false), ct);
        return name;
    }

    public Task<byte[]?> TryReadThumbnailAsync(string runId, string videoId, int faceRow, CancellationToken ct) =>
        store.TryReadBytesAsync(runId, RunAreas.Thumbnails, ThumbnailName(videoId, faceRow), ct);

    public Task WriteMetaAsync(string runId, VideoFacesMeta meta, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return store.WriteJsonAsync(runId, RunAreas.Embeddings, FacesMetaName(meta.VideoId), meta, ct);
    }

    /// <summary>The video's faces.json, or null when it has none; <see cref="JsonException"/> when it is damaged.</summary>
    public Task<VideoFacesMeta?> ReadMetaAsync(string runId, string videoId, CancellationToken ct) =>
        store.TryReadJsonAsync<VideoFacesMeta>(runId, RunAreas.Embeddings, FacesMetaName(videoId), ct);

    /// <summary>Each of the first <paramref name="rows"/> face rows' sharpness in <paramref name="meta"/> (NaN where it has none:
    /// faces.json written before it was stored).</summary>
    public static double[] Sharpness(VideoFacesMeta meta, int rows)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var sharpness = Enumerable.Repeat(double.NaN, rows).ToArray();
        foreach (var face in meta.Faces)
            if (face.Row >= 0 && face.Row < rows && face.Sharpness is { } s) sharpness[face.Row] = s;
        return sharpness;
    }

    public Task<bool> HasPrimaryAsync(string runId, string videoId, CancellationToken ct) =>
        store.ExistsAsync(runId, RunAreas.Embeddings, PrimaryName(videoId), ct);

    /// <summary>The primary vector; <see cref="FileNotFoundException"/> or <see cref="NpyFormatException"/> when lost or damaged.</summary>
    public async Task<float[]> ReadPrimaryAsync(string runId, string videoId, CancellationToken ct) =>
        (await store.ReadNpyAsync(runId, PrimaryName(videoId), ct)).Data;

    /// <summary>The faces matrix's rows, or null when the video has none.</summary>
    public Task<List<float[]>?> TryReadFacesAsync(string runId, string videoId, CancellationToken ct) =>
        store.TryReadRowsAsync(runId, FacesName(videoId), ct);

    /// <summary>The degraded matrix's rows, or null when the video has none (runs before they existed).</summary>
    public Task<List<float[]>?> TryReadDegradedAsync(string runId, string videoId, CancellationToken ct) =>
        store.TryReadRowsAsync(runId, DegradedName(videoId), ct);

    /// <summary>
    /// A video's own vector files: primary, faces matrix (null when absent), degraded matrix (null when absent or damaged:
    /// runs before it existed, or a damaged copy, fall back to the plain weak-face rule).
    /// </summary>
    public async Task<StoredVectors> ReadStoredAsync(string runId, string videoId, CancellationToken ct)
    {
        var primary = await ReadPrimaryAsync(runId, videoId, ct);
        var faces = await TryReadFacesAsync(runId, videoId, ct);
        try
        {
            return new StoredVectors(primary, faces, await TryReadDegradedAsync(runId, videoId, ct));
        }
        catch (NpyFormatException ex)
        {
            return new StoredVectors(primary, faces, null) { DegradedProblem = ex.Message };
        }
    }

    /// <summary>Copies a video's vector files (primary, faces, degraded and background if any) under another video's id.</summary>
    public async Task CopyVectorsAsync(string runId, string fromVideoId, string toVideoId, CancellationToken ct)
    {
        await CopyAsync(runId, RunAreas.Embeddings, PrimaryName(fromVideoId), PrimaryName(toVideoId), ct);
        await CopyAsync(runId, RunAreas.Embeddings, FacesName(fromVideoId), FacesName(toVideoId), ct);
        foreach (var name in new Func<string, string>[] { DegradedName, BackgroundName })
            if (await store.TryReadBytesAsync(runId, RunAreas.Embeddings, name(fromVideoId), ct) is { } bytes)
                await store.WriteAsync(runId, RunAreas.Embeddings, name(toVideoId), new MemoryStream(bytes, writable: false), ct);
    }

    /// <summary>
    /// Copies a video's face thumbnails under another video's id (the cast faces' at their rows, the background faces' at
    /// <see cref="FaceMeta.BackgroundRow"/>); returns the face lists naming the copies.
    /// </summary>
    public async Task<(List<FaceMeta> Faces, List<FaceMeta> Background)> CopyThumbnailsAsync(string runId, VideoFacesMeta meta, string toVideoId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var faces = new List<FaceMeta>(meta.Faces.Count);
        foreach (var f in meta.Faces)
            faces.Add(f with { Thumbnail = f.Thumbnail is null ? null : await CopyThumbnailAsync(runId, f.Thumbnail, toVideoId, f.Row, ct) });
        var background = new List<FaceMeta>(meta.Background.Count);
        for (var k = 0; k < meta.Background.Count; k++)
        {
            var b = meta.Background[k];
            background.Add(b with { Thumbnail = b.Thumbnail is null ? null : await CopyThumbnailAsync(runId, b.Thumbnail, toVideoId, FaceMeta.BackgroundRow(meta.Faces.Count, k), ct) });
        }
        return (faces, background);
    }

    /// <summary>Copies thumbnail <paramref name="fromName"/> to face <paramref name="faceRow"/> of another video; returns the new name.</summary>
    public async Task<string> CopyThumbnailAsync(string runId, string fromName, string toVideoId, int faceRow, CancellationToken ct)
    {
        var name = ThumbnailName(toVideoId, faceRow);
        await CopyAsync(runId, RunAreas.Thumbnails, fromName, name, ct);
        return name;
    }

    public Task CopyVideoAsync(string runId, string fromFile, string toFile, CancellationToken ct) =>
        CopyAsync(runId, RunAreas.Videos, fromFile, toFile, ct);

    private Task WriteMatrixAsync(string runId, string name, IReadOnlyList<float[]> rows, CancellationToken ct)
    {
        var cols = rows[0].Length;
        var matrix = new float[rows.Count * cols];
        for (var i = 0; i < rows.Count; i++) rows[i].CopyTo(matrix, i * cols);
        return WriteAsync(runId, name, s => Npy.WriteMatrix(s, matrix, rows.Count, cols), ct);
    }

    private async Task WriteAsync(string runId, string name, Action<Stream> write, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        await store.WriteAsync(runId, RunAreas.Embeddings, name, buffer, ct);
    }

    private async Task CopyAsync(string runId, string area, string from, string to, CancellationToken ct)
    {
        if (from == to) return;
        using var buffer = new MemoryStream(await store.ReadBytesAsync(runId, area, from, ct), writable: false);
        await store.WriteAsync(runId, area, to, buffer, ct);
    }
}
