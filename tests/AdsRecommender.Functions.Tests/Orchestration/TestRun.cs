using AdsRecommender.Cli;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>Runs the real orchestration (real activities, models, downloads) in-process on a CSV, in a temp output folder.</summary>
public sealed class TestRun : IDisposable
{
    public TestRun() => Directory.CreateDirectory(OutDir);

    public string OutDir { get; } = Path.Combine(Path.GetTempPath(), "adsrec-orch-" + Guid.NewGuid().ToString("N")[..8]);
    public RunStorage Storage => RunStorage.Local(OutDir);
    public FlakyDownloaderFactory Downloads { get; } = new(new DownloaderFactory(new DownloadOptions()));

    public static string Csv(params (double Performance, Uri Url)[] rows) =>
        "Performance,Video URL\n" + string.Concat(rows.Select(r => FormattableString.Invariant($"{r.Performance},{r.Url}\n")));

    public async Task<RunOutcome> RunAsync(string csv, RunOptions options, Func<DurableTaskClient, RunOutcome, Task>? inspect = null,
        IVideoFaceAnalyzer? analyzer = null, bool keepBatches = false)
    {
        var csvPath = Path.Combine(OutDir, "ads.csv");
        await File.WriteAllTextAsync(csvPath, csv);
        var storage = Storage;
        var (runId, csvName) = await RunSetup.StageCsvAsync(storage.Store, csvPath, CancellationToken.None);
        await using var host = await PipelineHost.StartAsync(storage.Store, storage.Ledger, SharedAnalyzer.Configuration(), configureServices: s =>
        {
            s.AddSingleton(analyzer ?? SharedAnalyzer.Value);
            s.AddSingleton<IDownloaderFactory>(Downloads);
        }).Within(Deadline.Short, "the pipeline host to start");
        host.History.Watch(runId);
        host.KeepFinishedBatches = keepBatches;
        History = host.History;
        var outcome = await host.RunAsync(new RunRequest(runId, csvName, options with { FirstRetrySeconds = 0.2 }))
            .Within(Deadline.Run, $"run {runId}");
        await RunOutcomeVideos.AttachAsync(outcome, storage.Ledger);
        if (inspect is not null) await inspect(host.Client, outcome);
        return outcome;
    }

    /// <summary>History sizes measured by the last run's host.</summary>
    public AdsRecommender.Hosting.HistoryMeter? History { get; private set; }

    public string Result(string name) => Path.Combine(OutDir, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(OutDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
