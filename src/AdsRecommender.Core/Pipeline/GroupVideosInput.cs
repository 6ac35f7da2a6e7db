using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Pipeline;

public sealed record GroupVideosInput(
    string RunId,
    string CsvName,
    RunOptions Options,
    int RowsRead,
    IReadOnlyList<RowProblem> Problems,
    IReadOnlyList<VideoResult> Videos,
    DateTime StartedUtc,
    int Batches);
