using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Pipeline;

/// <summary>Input of <see cref="PackVectorsActivity"/>: batch number <paramref name="Batch"/>'s embedded videos.</summary>
public sealed record PackVectorsInput(string RunId, int Batch, IReadOnlyList<string> VideoIds)
{
    /// <summary>The embedded videos of the batch <paramref name="batch"/> describes (batches are numbered by their first row).</summary>
    public static PackVectorsInput Of(BatchInput batch, IEnumerable<VideoResult> results) =>
        new(batch.RunId, batch.Skip / Math.Max(1, batch.Take), results.Where(r => r.Status == VideoStatus.Embedded).Select(r => r.VideoId).ToList());
}
