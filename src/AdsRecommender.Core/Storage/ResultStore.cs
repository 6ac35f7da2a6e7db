using System.IO.Pipelines;
using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Results;

namespace AdsRecommender.Core.Storage;

/// <summary>
/// A run's result files in area "results" (names in <see cref="ResultFiles"/>): <c>row_problems.csv</c>, written when the
/// CSV is read, and the CSVs, <c>report.html</c> and <c>run_summary.json</c>, written by the grouping step.
/// </summary>
public sealed class ResultStore(IRunStore store)
{
    /// <summary>
    /// Writes result file <paramref name="name"/> from what <paramref name="write"/> produces, streamed through a pipe: the
    /// store reads while the writer writes, so a large file (the pairs CSV) is never held whole.
    /// </summary>
    public async Task WriteAsync(string runId, string name, Action<Stream> write, CancellationToken ct)
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

    /// <summary>Writes the CSV's skipped rows as <c>row_problems.csv</c>, beside the result CSVs.</summary>
    public Task WriteRowProblemsAsync(string runId, IEnumerable<RowProblem> problems, CancellationToken ct) =>
        WriteAsync(runId, ResultFiles.RowProblems, s => ResultCsvWriter.WriteRowProblems(s, problems), ct);

    /// <summary>The first <paramref name="max"/> skipped rows from <c>row_problems.csv</c>; none when the run has no such file (runs before it existed).</summary>
    public async Task<IReadOnlyList<RowProblem>> ReadRowProblemsAsync(string runId, int max, CancellationToken ct)
    {
        if (!await store.ExistsAsync(runId, RunAreas.Results, ResultFiles.RowProblems, ct)) return [];
        await using var csv = await store.OpenReadAsync(runId, RunAreas.Results, ResultFiles.RowProblems, ct);
        return await RowProblemsCsv.ReadFirstAsync(csv, max, ct);
    }
}
