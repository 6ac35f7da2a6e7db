using AdsRecommender.Core.Vectors;

namespace AdsRecommender.Core.Storage;

/// <summary>
/// <c>.npy</c> artefacts of area "embeddings" over any <see cref="IRunStore"/>, shared by the stores that own their names
/// (<see cref="VideoArtefacts"/>, <see cref="PackedBatches"/>, the similarity shards).
/// </summary>
public static class RunStoreVectors
{
    /// <summary>
    /// An embeddings-area <c>.npy</c> read straight into its floats: no whole-file byte copy beside them (similarity shards
    /// are large, two per tile). <see cref="FileNotFoundException"/> when it does not exist.
    /// </summary>
    public static async Task<NpyArray> ReadNpyAsync(this IRunStore store, string runId, string name, CancellationToken ct)
    {
        await using var s = await store.OpenReadAsync(runId, RunAreas.Embeddings, name, ct);
        await using var buffered = new BufferedStream(s, 1 << 16);
        return Npy.Read(buffered);
    }

    /// <summary>A 2-D <c>.npy</c>'s rows, or null when it does not exist.</summary>
    public static async Task<List<float[]>?> TryReadRowsAsync(this IRunStore store, string runId, string name, CancellationToken ct) =>
        await store.TryReadBytesAsync(runId, RunAreas.Embeddings, name, ct) is { } bytes
            ? SplitRows(Npy.Read(new MemoryStream(bytes, writable: false)))
            : null;

    /// <summary>Writes <paramref name="rows"/> (all of one width) as one (N, d) float32 matrix.</summary>
    public static Task WriteRowsAsync(this IRunStore store, string runId, string name, IReadOnlyList<float[]> rows, CancellationToken ct) =>
        store.WriteAsync(runId, RunAreas.Embeddings, name, new MemoryStream(Npy.MatrixBytes(rows), writable: false), ct);

    /// <summary>A 2-D matrix's rows, each its own array.</summary>
    public static List<float[]> SplitRows(NpyArray matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Shape.Length != 2) throw new NpyFormatException($"faces matrix must be 2-D, shape was [{string.Join(",", matrix.Shape)}]");
        int rows = matrix.Shape[0], cols = matrix.Shape[1];
        var list = new List<float[]>(rows);
        for (var r = 0; r < rows; r++) list.Add(matrix.Data.AsSpan(r * cols, cols).ToArray());
        return list;
    }
}
