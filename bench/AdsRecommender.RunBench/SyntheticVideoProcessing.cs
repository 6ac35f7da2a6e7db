using System.Runtime.InteropServices;
using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;

namespace AdsRecommender.RunBench;

/// <summary>
/// The bench's stand-in for the download-and-embed stage: row <c>i</c> gets synthetic vector <c>i</c>
/// (<see cref="ScaleBench.SyntheticVectors"/>), stored through <see cref="VideoArtefacts"/> and recorded in the ledger as a
/// real video would be, so everything after it (orchestration, ledger, grouping, result files) is the product's own.
/// The vectors are read from a file of float32 rows (<see cref="WriteVectorsFile"/>), not held: at 1M videos they would
/// be half a gigabyte of the bench's own in the peak RSS it reports as the product's.
/// </summary>
public sealed class SyntheticVideoProcessing(VideoArtefacts artefacts, IRunLedger ledger, string vectorsFile, int dimensions) : IVideoProcessing
{
    public async Task<VideoResult> ProcessAsync(string runId, AdRow row, RunOptions runOptions, CancellationToken ct = default)
    {
        var bytes = new byte[dimensions * sizeof(float)];
        using (var file = File.OpenHandle(vectorsFile))
            await RandomAccess.ReadAsync(file, bytes, (long)row.Index * bytes.Length, ct);
        var vector = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        await artefacts.WriteVectorsAsync(runId, row.VideoId, [vector], null, ct);
        var result = new VideoResult(row.VideoId, row.Index, row.Performance, VideoStatus.Embedded, null, 1, new StageTimings());
        await ledger.UpsertVideoAsync(runId, result, ct);
        return result;
    }

    /// <summary>Writes <paramref name="vectors"/> one after another as float32 rows (native byte order) to <paramref name="path"/>.</summary>
    public static void WriteVectorsFile(string path, IEnumerable<float[]> vectors)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        foreach (var v in vectors) file.Write(MemoryMarshal.AsBytes(v.AsSpan()));
    }
}
