using System.IO.Pipelines;
using System.Text.Json;
using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Results;
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
/// <item>area "thumbnails": <c>{id}.face{row}.jpg</c>; area "results": the result files (<c>row_problems.csv</c> written when the
/// CSV is read, the others by grouping); area "shards": JSON row shards.</item>
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

    /// <summary>Batch <paramref name="batch"/>'s primaries packed as one (N, d) float32 matrix, rows in <see cref="PackedIndexName"/> order.</summary>
    public static string PackedPrimariesName(int batch) => $"batch{batch:D6}.packed.npy";

    /// <summary>The batch's face rows (R, d): each video's faces in index order, row 0 of each = its primary.</summary>
    public static string PackedFacesName(int batch) => $"batch{batch:D6}.packed-faces.npy";

    /// <summary>The degraded rows aligned with <see cref="PackedFacesName"/> (zero rows for videos without); absent when no video has any.</summary>
    public static string PackedDegradedName(int batch) => $"batch{batch:D6}.packed-degraded.npy";

    public static string PackedIndexName(int batch) => $"batch{batch:D6}.packed.json";

    /// <summary>Similarity shard <paramref name="shard"/> of the sharded path: (R, d) float32 face-node rows, in node order.</summary>
    public static string SimilarityShardName(int shard) => $"simshard{shard:D5}.npy";

    /// <summary>Its index (<see cref="SimilarityShard"/>): first node, row count, which rows are primaries.</summary>
    public static string SimilarityShardIndexName(int shard) => $"simshard{shard:D5}.json";

    /// <summary>The pairs of tile (<paramref name="a"/>, <paramref name="b"/>), <see cref="PairShardFormat"/>.</summary>
    public static string PairShardName(int a, int b) => $"tile{a:D5}-{b:D5}.pairs.bin";

    public IRunStore Store => store;

    /// <summary>Writes a similarity shard: the rows, then its index (last, so its presence means the rows are complete).</summary>
    public async Task WriteSimilarityShardAsync(string runId, int shard, int firstRow, IReadOnlyList<float[]> rows, IReadOnlyList<bool> primary, CancellationToken ct)
    {
        await store.WriteAsync(runId, RunAreas.Embeddings, SimilarityShardName(shard), new MemoryStream(Npy.MatrixBytes(rows), writable: false), ct);
        await WriteJsonAsync(runId, RunAreas.Embeddings, SimilarityShardIndexName(shard),
            new SimilarityShard(firstRow, rows.Count, primary.Select(p => p ? (byte)1 : (byte)0).ToArray()), ct);
    }

    /// <summary>
    /// An embeddings-area <c>.npy</c> read straight into its floats: no whole-file byte copy beside them (a similarity shard
    /// is 25.6 MB, two per tile). <see cref="FileNotFoundException"/> when it does not exist.
    /// </summary>
    private async Task<NpyArray> ReadNpyAsync(string runId, string name, CancellationToken ct)
    {
        await using var s = await store.OpenReadAsync(runId, RunAreas.Embeddings, name, ct);
        await using var buffered = new BufferedStream(s, 1 << 16);
        return Npy.Read(buffered);
    }

    /// <summary>A similarity shard's index and its rows as a flat (R, d) array.</summary>
    public async Task<(SimilarityShard Index, NpyArray Rows)> ReadSimilarityShardAsync(string runId, int shard, CancellationToken ct)
    {
        var index = await TryReadJsonAsync<SimilarityShard>(runId, RunAreas.Embeddings, SimilarityShardIndexName(shard), ct)
            ?? throw new FileNotFoundException($"similarity shard {shard} of run {runId} is missing", SimilarityShardIndexName(shard));
        var rows = await ReadNpyAsync(runId, SimilarityShardName(shard), ct);
        if (rows.Shape.Length != 2 || rows.Shape[0] != index.Rows || index.Primary.Length != index.Rows)
            throw new NpyFormatException($"similarity shard {shard}: rows do not match {SimilarityShardIndexName(shard)}");
        return (index, rows);
    }

    public Task WritePairShardAsync(string runId, int a, int b, IReadOnlyList<Similarity.ScoredPair> pairs, Similarity.SimilarityHistogram? histogram, CancellationToken ct) =>
        store.WriteAsync(runId, RunAreas.Embeddings, PairShardName(a, b), new MemoryStream(PairShardFormat.Bytes(pairs, histogram), writable: false), ct);

    /// <summary>Streams tile (<paramref name="a"/>, <paramref name="b"/>)'s pairs in chunks (its bins added to <paramref name="histogram"/>).</summary>
    public async Task<long> ReadPairShardAsync(string runId, int a, int b, Similarity.SimilarityHistogram? histogram,
        Action<ReadOnlySpan<Similarity.ScoredPair>> onChunk, CancellationToken ct)
    {
        await using var s = await store.OpenReadAsync(runId, RunAreas.Embeddings, PairShardName(a, b), ct);
        await using var buffered = new BufferedStream(s, 1 << 20);
        return PairShardFormat.Read(buffered, PairShardName(a, b), histogram, onChunk);
    }

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
        (await ReadNpyAsync(runId, PrimaryName(videoId), ct)).Data;

    /// <summary>The faces matrix's rows, or null when the video has none.</summary>
    public Task<List<float[]>?> TryReadFacesAsync(string runId, string videoId, CancellationToken ct) =>
        TryReadRowsAsync(runId, FacesName(videoId), ct);

    /// <summary>The degraded matrix's rows, or null when the video has none (runs before they existed).</summary>
    public Task<List<float[]>?> TryReadDegradedAsync(string runId, string videoId, CancellationToken ct) =>
        TryReadRowsAsync(runId, DegradedName(videoId), ct);

    /// <summary>
    /// Packs the per-video vectors of <paramref name="videoIds"/> (a batch's embedded videos) into a few large files, so
    /// the grouping step reads a few blobs per batch instead of three per video. A video whose files are missing or damaged
    /// is left out (the grouping step then reads its own files and reports it). Returns how many videos were packed.
    /// </summary>
    public async Task<int> WritePackedAsync(string runId, int batch, IReadOnlyList<string> videoIds, CancellationToken ct)
    {
        var index = new List<PackedVideo>();
        List<float[]> primaries = [], faces = [], degraded = [];
        var anyDegraded = false;
        foreach (var id in videoIds)
        {
            StoredVectors v;
            try
            {
                v = await ReadStoredAsync(runId, id, ct);
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
            await WriteJsonAsync(runId, RunAreas.Embeddings, PackedIndexName(batch), new PackedIndex(0, index), ct);
            return 0;
        }
        await store.WriteAsync(runId, RunAreas.Embeddings, PackedPrimariesName(batch), new MemoryStream(Npy.MatrixBytes(primaries), writable: false), ct);
        await store.WriteAsync(runId, RunAreas.Embeddings, PackedFacesName(batch), new MemoryStream(Npy.MatrixBytes(faces), writable: false), ct);
        if (anyDegraded)
            await store.WriteAsync(runId, RunAreas.Embeddings, PackedDegradedName(batch), new MemoryStream(Npy.MatrixBytes(degraded), writable: false), ct);
        await WriteJsonAsync(runId, RunAreas.Embeddings, PackedIndexName(batch), new PackedIndex(primaries[0].Length, index), ct);
        return index.Count;
    }

    /// <summary>The vectors batch <paramref name="batch"/> packed, by video id; empty when it packed none or its files are damaged.</summary>
    public async Task<Dictionary<string, StoredVectors>> ReadPackedBatchAsync(string runId, int batch, CancellationToken ct)
    {
        var found = new Dictionary<string, StoredVectors>(StringComparer.Ordinal);
        var b = batch;
        try
        {
            if (await TryReadJsonAsync<PackedIndex>(runId, RunAreas.Embeddings, PackedIndexName(b), ct) is not { Videos.Count: > 0 } index) return found;
            var primaries = SplitRows(await ReadNpyAsync(runId, PackedPrimariesName(b), ct));
            var faces = SplitRows(await ReadNpyAsync(runId, PackedFacesName(b), ct));
            var degraded = index.Videos.Any(v => v.Degraded)
                ? SplitRows(await ReadNpyAsync(runId, PackedDegradedName(b), ct))
                : null;
            if (primaries.Count != index.Videos.Count || faces.Count != index.Videos.Sum(v => v.Faces) || (degraded is not null && degraded.Count != faces.Count))
                throw new NpyFormatException($"batch {b}: packed matrices do not match {PackedIndexName(b)}");
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

    /// <summary>
    /// Writes result file <paramref name="name"/> (area "results") from what <paramref name="write"/> produces, streamed
    /// through a pipe: the store reads while the writer writes, so a large file (the pairs CSV) is never held whole.
    /// </summary>
    public async Task WriteResultAsync(string runId, string name, Action<Stream> write, CancellationToken ct)
    {
        var pipe = new Pipe();
        var producer = Task.Run(() =>
        {
            try
            {
                using (var s = pipe.Writer.AsStream()) write(s);
            }
            catch (Exception ex)
            {
                pipe.Writer.Complete(ex);
                throw;
            }
        }, CancellationToken.None);
        try
        {
            await using var content = pipe.Reader.AsStream();
            await store.WriteAsync(runId, RunAreas.Results, name, content, ct);
        }
        catch (Exception ex)
        {
            // the store stopped reading: let the writer fail instead of waiting on a full pipe
            await pipe.Reader.CompleteAsync(ex);
            await producer.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        await producer;
    }

    /// <summary>Writes the CSV's skipped rows as <c>row_problems.csv</c> (area "results"), beside the result CSVs.</summary>
    public Task WriteRowProblemsAsync(string runId, IEnumerable<RowProblem> problems, CancellationToken ct) =>
        WriteResultAsync(runId, ResultFiles.RowProblems, s => ResultCsvWriter.WriteRowProblems(s, problems), ct);

    /// <summary>The first <paramref name="max"/> skipped rows from <c>row_problems.csv</c>; none when the run has no such file (runs before it existed).</summary>
    public async Task<IReadOnlyList<RowProblem>> ReadRowProblemsAsync(string runId, int max, CancellationToken ct)
    {
        if (!await store.ExistsAsync(runId, RunAreas.Results, ResultFiles.RowProblems, ct)) return [];
        await using var csv = await store.OpenReadAsync(runId, RunAreas.Results, ResultFiles.RowProblems, ct);
        return await RowProblemsCsv.ReadFirstAsync(csv, max, ct);
    }

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
