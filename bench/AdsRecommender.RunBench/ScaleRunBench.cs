using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdsRecommender.RunBench;

/// <summary>
/// <c>adsrec-bench scale --videos N</c>: the real run on N rows in the in-process host (row shards, batches in a window,
/// continue-as-new, ledger, copy phase, grouping activity, result files, local store), with
/// <see cref="SyntheticVideoProcessing"/> in place of download and face stage. Closing line: wall time, grouping time
/// (from the run's "grouping" phase to its end), pairs, peak RSS, <c>status_bytes</c> = serialized custom status + output
/// as read back from the orchestration client, <c>history_bytes</c> = the run orchestration's largest execution history
/// (its serialized events, <see cref="AdsRecommender.Hosting.HistoryMeter"/>; each batch's own history is bounded by the batch size).
/// </summary>
public static class ScaleRunBench
{
    public static async Task<int> RunAsync(TextWriter output, int videos, int seed, string? outDir, RunOptions options,
        string? durableStorage, CancellationToken ct)
    {
        var dir = outDir ?? Path.Combine(Path.GetTempPath(), $"adsrec-scale-run-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            var vectorsFile = Path.Combine(dir, "synthetic-vectors.f32");
            SyntheticVideoProcessing.WriteVectorsFile(vectorsFile, ScaleBench.SyntheticVectors(videos, seed).Select(x => x.Vector));
            var csvPath = Path.Combine(dir, "scale.csv");
            await using (var csv = new StreamWriter(csvPath))
            {
                await csv.WriteAsync("Performance,Video URL\n");
                var rng = new Random(seed);
                // never fetched: the synthetic stage stands in for the download
                for (var i = 0; i < videos; i++)
                    await csv.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{rng.NextDouble():0.0000},https://bench.invalid/v{i}.mp4\n"));
            }
            var storage = RunStorage.Local(dir);
            var (runId, csvName) = await RunSetup.StageCsvAsync(storage.Store, csvPath, ct);
            var durable = durableStorage is null ? null : DurableFlags.ForRun(durableStorage, runId);
            await using var host = await PipelineHost.StartAsync(storage.Store, storage.Ledger, new ConfigurationBuilder().Build(),
                configureServices: s => s.AddSingleton<IVideoProcessing>(sp =>
                    new SyntheticVideoProcessing(sp.GetRequiredService<VideoArtefacts>(), storage.Ledger, vectorsFile, ScaleBench.Dimensions)), ct: ct, durable: durable);

            host.History.Watch(runId);
            var grouping = new GroupingClock();
            var wall = Stopwatch.StartNew();
            var outcome = await host.RunAsync(new RunRequest(runId, csvName, options), grouping, ct);
            var wallS = wall.Elapsed.TotalSeconds;
            var groupS = grouping.Since(wall.Elapsed);

            var meta = (await host.Client.GetInstanceAsync(runId, getInputsAndOutputs: true, ct))!;
            var statusBytes = Encoding.UTF8.GetByteCount(meta.SerializedCustomStatus ?? "") + Encoding.UTF8.GetByteCount(meta.SerializedOutput ?? "");
            var history = host.History.For(runId);
            // the real back end's history: the run's last execution as stored (JSON of its events); in memory, the meter's
            var stored = host.StoredHistory is { } backend ? (await backend.GetOrchestrationHistoryAsync(runId, null)).Length : (long?)null;
            var historyBytes = stored ?? history?.MaxBytes;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {outcome.Embedded} embedded, {outcome.Batches} batches of {options.BatchSize}, {history?.Executions} executions of the run (continue-as-new every {options.BatchesPerGeneration} batches), largest {history?.MaxEvents} history events ({history?.MaxBytes} bytes serialized{(stored is null ? "" : $"; last execution as stored in {durable!.Describe()}: {stored} bytes")}); {outcome.Grouping?.Groups} groups{(outDir is null ? "" : $"; results in {dir}")}"));
            output.WriteLine(ScaleBench.ClosingLine(videos, wallS, groupS, outcome.Grouping?.Pairs ?? 0,
                statusBytes.ToString(CultureInfo.InvariantCulture), historyBytes?.ToString(CultureInfo.InvariantCulture) ?? "n/a"));
            return CliApp.Ok;
        }
        finally
        {
            File.Delete(Path.Combine(dir, "synthetic-vectors.f32"));
            if (outDir is null) Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Notes when the run's custom status first says "grouping".</summary>
    private sealed class GroupingClock : IRunObserver
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _started;

        public Task OnProgressAsync(RunProgress progress, CancellationToken ct)
        {
            if (_started is null && progress.Phase is RunProgress.Phases.Grouping or RunProgress.Phases.Done) _started = _clock.Elapsed;
            return Task.CompletedTask;
        }

        /// <summary>Seconds from the grouping phase to <paramref name="end"/> (on the same clock, started with the run).</summary>
        public double Since(TimeSpan end) => _started is { } s ? Math.Max(0, (end - s).TotalSeconds) : 0;
    }
}
