using System.Text.Json;
using AdsRecommender.Core.Vectors;

namespace AdsRecommender.Core.Storage;

/// <summary>
/// A run's vectors packed per batch (area "embeddings"), so the grouping step reads a few blobs per batch instead of three
/// per video: batch b's primaries as one (N, d) float32 matrix, its face rows (R, d), the degraded rows aligned with them
/// (absent when no video has any) and the <see cref="PackedIndex"/>, written last. <c>PackVectorsActivity</c> writes a
/// batch when it ends; the plan and the grouping step read one batch at a time (<see cref="PackedCursor"/>) and fall back
/// to a video's own files (<see cref="VideoArtefacts"/>) for videos not packed.
/// </summary>
public sealed class PackedBatches(IRunStore store, VideoArtefacts videos)
{
    /// <summary>Batch <paramref name="batch"/>'s primaries packed as one (N, d) float32 matrix, rows in <see cref="IndexName"/> order.</summary>
    public static string PrimariesName(int batch) => $"batch{batch:D6}.packed.npy";

    /// <summary>The batch's face rows (R, d): each video's faces in index order, row 0 of each = its primary.</summary>
    public static string FacesName(int batch) => $"batch{batch:D6}.packed-faces.npy";

    /// <summary>The degraded rows aligned with <see cref="FacesName"/> (zero rows for videos without); absent when no video has any.</summary>
    public static string DegradedName(int batch) => $"batch{batch:D6}.packed-degraded.npy";

    public static string IndexName(int batch) => $"batch{batch:D6}.packed.json";

    /// <summary>
    /// Packs the per-video vectors of <paramref name="videoIds"/> (a batch's embedded videos). A video whose files are
    /// missing or damaged is left out (the grouping step then reads its own files and reports it). Returns how many videos
    /// were packed.
    /// </summary>
    public async Task<int> WriteAsync(string runId, int batch, IReadOnlyList<string> videoIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(videoIds);
        var index = new List<PackedVideo>();
        List<float[]> primaries = [], faces = [], degraded = [];
        var anyDegraded = false;
        foreach (var id in videoIds)
        {
            StoredVectors v;
            try
            {
                v = await videos.ReadStoredAsync(runId, id, ct);
            }
            catch (Exception ex) when (ex is NpyFormatException or FileNotFoundException)
            {
                continue;
            }
            var rows = v.Faces ?? [v.Primary];
            if (rows.Any(r => r.Length != v.Primary.Length) || (primaries.Count > 0 && v.Primary.Length != primaries[0].Length)) continue;
            var hasDegraded = v.Degraded is { } d && d.Count >= rows.Count && d.All(r => r.Length == v.Primary.Length);
            anyDegraded |= hasDegraded;
            primaries.Add(v.Primary);
            faces.AddRange(rows);
            degraded.AddRange(hasDegraded ? v.Degraded!.Take(rows.Count) : rows.Select(r => new float[r.Length]));
            index.Add(new PackedVideo(id, rows.Count, hasDegraded));
        }
        if (index.Count == 0)
        {
            // an empty index, so that a packed file left by an earlier run of this batch is not read
            await store.WriteJsonAsync(runId, RunAreas.Embeddings, IndexName(batch), new PackedIndex(0, index), ct);
            return 0;
        }
        await store.WriteRowsAsync(runId, PrimariesName(batch), primaries, ct);
        await store.WriteRowsAsync(runId, FacesName(batch), faces, ct);
        if (anyDegraded) await store.WriteRowsAsync(runId, DegradedName(batch), degraded, ct);
        await store.WriteJsonAsync(runId, RunAreas.Embeddings, IndexName(batch), new PackedIndex(primaries[0].Length, index), ct);
        return index.Count;
    }

    /// <summary>The vectors batch <paramref name="batch"/> packed, by video id; empty when it packed none or its files are damaged.</summary>
    public async Task<Dictionary<string, StoredVectors>> ReadAsync(string runId, int batch, CancellationToken ct)
    {
        var found = new Dictionary<string, StoredVectors>(StringComparer.Ordinal);
        try
        {
            if (await store.TryReadJsonAsync<PackedIndex>(runId, RunAreas.Embeddings, IndexName(batch), ct) is not { Videos.Count: > 0 } index) return found;
            var primaries = RunStoreVectors.SplitRows(await store.ReadNpyAsync(runId, PrimariesName(batch), ct));
            var faces = RunStoreVectors.SplitRows(await store.ReadNpyAsync(runId, FacesName(batch), ct));
            var degraded = index.Videos.Any(v => v.Degraded)
                ? RunStoreVectors.SplitRows(await store.ReadNpyAsync(runId, DegradedName(batch), ct))
                : null;
            if (primaries.Count != index.Videos.Count || faces.Count != index.Videos.Sum(v => v.Faces) || (degraded is not null && degraded.Count != faces.Count))
                throw new NpyFormatException($"batch {batch}: packed matrices do not match {IndexName(batch)}");
            var row = 0;
            for (var i = 0; i < index.Videos.Count; i++)
            {
                var v = index.Videos[i];
                // the faces list starts with the primary face: one array for both (half the vectors of a one-face run)
                if (v.Faces > 0 && faces[row].AsSpan().SequenceEqual(primaries[i])) faces[row] = primaries[i];
                found[v.VideoId] = new StoredVectors(primaries[i], faces.GetRange(row, v.Faces), v.Degraded ? degraded!.GetRange(row, v.Faces) : null);
                row += v.Faces;
            }
        }
        catch (Exception ex) when (ex is NpyFormatException or FileNotFoundException or JsonException)
        {
            // fall back to the per-video files of this batch's videos
        }
        return found;
    }
}
