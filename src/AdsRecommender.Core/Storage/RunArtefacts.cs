using System.Text.Json;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Vectors;

namespace AdsRecommender.Core.Storage;

/// <summary>
/// The one owner of a run's artefacts over an <see cref="IRunStore"/>: which area and name each file has, the
/// <c>faces.json</c> schema (<see cref="VideoFacesMeta"/>), the JSON settings, and how vectors (.npy) and thumbnails are
/// written and read. The processing side (per-video workflow) and the grouping side both go through it, so the layout
/// is stated once.
/// <list type="bullet">
/// <item>area "videos": the downloaded file (name from <c>VideoNames</c>);</item>
/// <item>area "embeddings": per video the primary face as a (d,) vector <c>{id}.npy</c>, all faces as a (k,d) matrix
/// <c>{id}.faces.npy</c> (row 0 = primary), optionally their degraded embeddings <c>{id}.degraded.npy</c> (rows aligned
/// with the faces) and <c>{id}.faces.json</c>, written last (its presence means the video is finished);</item>
/// <item>area "thumbnails": <c>{id}.face{row}.jpg</c>; area "results": the result files; area "shards": JSON row shards.</item>
/// </list>
/// </summary>
public sealed class RunArtefacts(IRunStore store)
{
    /// <summary>The JSON settings of every JSON artefact (faces.json, run_summary.json, row shards).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PrimaryName(string videoId) => $"{videoId}.npy";

    public static string FacesName(string videoId) => $"{videoId}.faces.npy";

    public static string DegradedName(string videoId) => $"{videoId}.degraded.npy";

    public static string FacesMetaName(string videoId) => $"{videoId}.faces.json";

    public static string ThumbnailName(string videoId, int faceRow) => $"{videoId}.face{faceRow}.jpg";

    public IRunStore Store => store;

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
        await WriteAsync(runId, RunAreas.Embeddings, PrimaryName(videoId), s => Npy.WriteVector(s, faces[0]), ct);
        await WriteMatrixAsync(runId, FacesName(videoId), faces, ct);
        if (degraded is not null) await WriteMatrixAsync(runId, DegradedName(videoId), degraded, ct);
    }

    /// <summary>Writes face <paramref name="faceRow"/>'s thumbnail and returns its name.</summary>
    public async Task<string> WriteThumbnailAsync(string runId, string videoId, int faceRow, byte[] jpeg, CancellationToken ct)
    {
        var name = ThumbnailName(videoId, faceRow);
        await store.WriteAsync(runId, RunAreas.Thumbnails, name, new MemoryStream(jpeg, writable: false), ct);
        return name;
    }

    public Task<byte[]?> TryReadThumbnailAsync(string runId, string videoId, int faceRow, CancellationToken ct) =>
        store.TryReadBytesAsync(runId, RunAreas.Thumbnails, ThumbnailName(videoId, faceRow), ct);

    public Task WriteMetaAsync(string runId, VideoFacesMeta meta, CancellationToken ct) =>
        WriteJsonAsync(runId, RunAreas.Embeddings, FacesMetaName(meta.VideoId), meta, ct);

    /// <summary>The video's faces.json, or null when it has none; <see cref="JsonException"/> when it is damaged.</summary>
    public Task<VideoFacesMeta?> ReadMetaAsync(string runId, string videoId, CancellationToken ct) =>
        TryReadJsonAsync<VideoFacesMeta>(runId, RunAreas.Embeddings, FacesMetaName(videoId), ct);

    /// <summary>
    /// Each of the first <paramref name="rows"/> face rows' sharpness from faces.json (NaN where it has none: written before
    /// it was stored), or null without a faces.json; <see cref="JsonException"/> when it is damaged.
    /// </summary>
    public async Task<double[]?> TryReadSharpnessAsync(string runId, string videoId, int rows, CancellationToken ct)
    {
        if (await ReadMetaAsync(runId, videoId, ct) is not { } meta) return null;
        var sharpness = Enumerable.Repeat(double.NaN, rows).ToArray();
        foreach (var face in meta.Faces)
            if (face.Row >= 0 && face.Row < rows && face.Sharpness is { } s) sharpness[face.Row] = s;
        return sharpness;
    }

    public Task<bool> HasPrimaryAsync(string runId, string videoId, CancellationToken ct) =>
        store.ExistsAsync(runId, RunAreas.Embeddings, PrimaryName(videoId), ct);

    /// <summary>The primary vector; <see cref="FileNotFoundException"/> or <see cref="NpyFormatException"/> when lost or damaged.</summary>
    public async Task<float[]> ReadPrimaryAsync(string runId, string videoId, CancellationToken ct) =>
        Npy.Read(new MemoryStream(await store.ReadBytesAsync(runId, RunAreas.Embeddings, PrimaryName(videoId), ct), writable: false)).Data;

    /// <summary>The faces matrix's rows, or null when the video has none.</summary>
    public Task<List<float[]>?> TryReadFacesAsync(string runId, string videoId, CancellationToken ct) =>
        TryReadRowsAsync(runId, FacesName(videoId), ct);

    /// <summary>The degraded matrix's rows, or null when the video has none (runs before they existed).</summary>
    public Task<List<float[]>?> TryReadDegradedAsync(string runId, string videoId, CancellationToken ct) =>
        TryReadRowsAsync(runId, DegradedName(videoId), ct);

    /// <summary>Copies a video's vector files (primary, faces, degraded if any) under another video's id.</summary>
    public async Task CopyVectorsAsync(string runId, string fromVideoId, string toVideoId, CancellationToken ct)
    {
        await CopyAsync(runId, RunAreas.Embeddings, PrimaryName(fromVideoId), PrimaryName(toVideoId), ct);
        await CopyAsync(runId, RunAreas.Embeddings, FacesName(fromVideoId), FacesName(toVideoId), ct);
        if (await store.TryReadBytesAsync(runId, RunAreas.Embeddings, DegradedName(fromVideoId), ct) is { } degraded)
            await store.WriteAsync(runId, RunAreas.Embeddings, DegradedName(toVideoId), new MemoryStream(degraded, writable: false), ct);
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

    /// <summary>Writes result file <paramref name="name"/> (area "results") from what <paramref name="write"/> produces.</summary>
    public Task WriteResultAsync(string runId, string name, Action<Stream> write, CancellationToken ct) =>
        WriteAsync(runId, RunAreas.Results, name, write, ct);

    public Task WriteJsonAsync<T>(string runId, string area, string name, T value, CancellationToken ct) =>
        store.WriteAsync(runId, area, name, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, Json), writable: false), ct);

    public async Task<T?> TryReadJsonAsync<T>(string runId, string area, string name, CancellationToken ct) where T : class =>
        await store.TryReadBytesAsync(runId, area, name, ct) is { } bytes ? JsonSerializer.Deserialize<T>(bytes, Json) : null;

    private async Task<List<float[]>?> TryReadRowsAsync(string runId, string name, CancellationToken ct) =>
        await store.TryReadBytesAsync(runId, RunAreas.Embeddings, name, ct) is { } bytes
            ? SplitRows(Npy.Read(new MemoryStream(bytes, writable: false)))
            : null;

    private Task WriteMatrixAsync(string runId, string name, IReadOnlyList<float[]> rows, CancellationToken ct)
    {
        var cols = rows[0].Length;
        var matrix = new float[rows.Count * cols];
        for (var i = 0; i < rows.Count; i++) rows[i].CopyTo(matrix, i * cols);
        return WriteAsync(runId, RunAreas.Embeddings, name, s => Npy.WriteMatrix(s, matrix, rows.Count, cols), ct);
    }

    private async Task WriteAsync(string runId, string area, string name, Action<Stream> write, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        await store.WriteAsync(runId, area, name, buffer, ct);
    }

    private async Task CopyAsync(string runId, string area, string from, string to, CancellationToken ct)
    {
        if (from == to) return;
        using var buffer = new MemoryStream(await store.ReadBytesAsync(runId, area, from, ct), writable: false);
        await store.WriteAsync(runId, area, to, buffer, ct);
    }

    private static List<float[]> SplitRows(NpyArray matrix)
    {
        if (matrix.Shape.Length != 2) throw new NpyFormatException($"faces matrix must be 2-D, shape was [{string.Join(",", matrix.Shape)}]");
        int rows = matrix.Shape[0], cols = matrix.Shape[1];
        var list = new List<float[]>(rows);
        for (var r = 0; r < rows; r++) list.Add(matrix.Data.AsSpan(r * cols, cols).ToArray());
        return list;
    }
}
