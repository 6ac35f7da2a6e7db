using AdsRecommender.Hosting;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using System.CommandLine;

namespace AdsRecommender.Cli;

/// <summary><c>adsrec run &lt;csv&gt; --out &lt;dir&gt; [...]</c>: the whole pipeline on one CSV, in this process.</summary>
public static class RunCommand
{
    /// <summary>With <c>--durable-storage</c>: keep a completed run's task hub (by default it is deleted once the run completes).</summary>
    public const string KeepHistoryFlag = "keep-history";

    public static Command Definition(CliContext cli)
    {
        var command = new Command("run", "Run the whole pipeline on one CSV of ads (performance, video URL), in this process.")
        {
            new Argument<string>("csv") { Description = "the ads: a CSV with a performance and a video URL column" },
            CliOptions.Text("out", "dir", "the run's folder: videos, vectors, results, report.html (with --storage: a copy of the results)"),
            CliOptions.Threshold(),
            CliOptions.AllowPrivateNetwork(),
            CliOptions.Storage("the run's data in Azure Blob and Table storage instead of --out (Azurite: UseDevelopmentStorage=true)"),
            CliOptions.MultiFace(),
            CliOptions.BatchSize(),
            CliOptions.BatchesInFlight(),
            CliOptions.Attempts(),
            CliOptions.Models(),
            CliOptions.Verbose(),
            CliOptions.DurableStorage(),
            CliOptions.KeepHistory(),
            CliOptions.Text(DurableFlags.HubFlag, "name", "run on a named task hub shared with `adsrec worker`s (needs --storage and " +
                "--durable-storage; the hub is kept; with --out the results are copied there too)"),
            CliOptions.LeaseExpiry(),
        };
        command.SetAction((parsed, ct) => ExecuteAsync(new CommandLine(parsed), cli, ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(CommandLine line, CliContext cli, CancellationToken ct)
    {
        var csv = Path.GetFullPath(line.Positionals[0]);
        var runOptions = ParseRunOptions(line);
        SharedHubOf(line); // a wrong --hub stops here, before the CSV is staged
        var storage = StorageFactory.Create(line.Value("storage"), line.Value("out"));
        var (runId, csvName) = await RunSetup.StageCsvAsync(storage.Store, csv, ct);
        return await RunAsync(cli, line, storage, new RunRequest(runId, csvName, runOptions), ct);
    }

    public static RunOptions ParseRunOptions(CommandLine line)
    {
        ThresholdSetting threshold;
        try
        {
            threshold = ThresholdSetting.Parse(line.Value("threshold") ?? "default");
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--threshold: {ex.Message}");
        }
        var defaults = new RunOptions(); // the record's own defaults, as the Functions app uses them
        return defaults with
        {
            AllowPrivateNetwork = line.Has("allow-private-network"),
            BatchSize = line.IntValue("batch-size", defaults.BatchSize),
            MultiFace = line.OnOff("multi-face", defaults.MultiFace),
            MaxAttempts = line.IntValue("attempts", defaults.MaxAttempts),
            MaxBatchesInFlight = line.IntValue("batches-in-flight", defaults.MaxBatchesInFlight),
            Threshold = threshold,
        };
    }

    /// <summary>Runs <paramref name="request"/> with progress on the console, prints the summary, returns the exit code.</summary>
    public static async Task<int> RunAsync(CliContext cli, CommandLine line, RunStorage storage, RunRequest request, CancellationToken ct,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        var configuration = CliContext.Configuration(line);
        CliContext.Options(configuration); // a bad setting stops here, before the host starts
        // a killed earlier run in this folder may have left half-written files, never moved into place (not for
        // `adsrec videos`, which only reads and may look at a folder a run is still writing)
        if (storage.Store is LocalRunStore local) local.RemoveLeftovers();
        using var logging = CliContext.Logging(line);
        var ledger = new NotifyingLedger(storage.Ledger);
        var durable = Durable(line, request.RunId);
        var outcome = await RunOnHostAsync(cli, storage, request, ledger, configuration, logging, configureServices, durable, ct);
        if (durable is { Shared: true })
            cli.Output.WriteLine($"Task hub {durable.TaskHub} kept (a named hub, shared with workers).");
        else if (durable is not null)
        {
            // only a completed run gets here: a failed or interrupted one keeps its hub, to be read or resumed
            if (line.Has(KeepHistoryFlag)) cli.Output.WriteLine($"Task hub {durable.TaskHub} kept (--{KeepHistoryFlag}).");
            else
            {
                await durable.DeleteAsync(logging);
                cli.Output.WriteLine($"Task hub {durable.TaskHub} deleted (the run completed; --{KeepHistoryFlag} keeps it).");
            }
        }
        await SummaryPrinter.PrintAsync(cli.Output, outcome, storage.Store, storage.Ledger, storage.VideosOptions, ct);
        if (line.Value("storage") is not null && line.Value("out") is { } outDir)
            await ResultCopy.ToFolderAsync(storage.Store, outcome, outDir, cli.Output, ct);
        return SummaryPrinter.ExitCode(outcome);
    }

    /// <summary>
    /// The run's orchestration back end: in memory (null), its own task hub (<c>--durable-storage</c>), or a named hub shared
    /// with workers (<c>--hub</c>), which read the run's CSV and write its videos through the shared <c>--storage</c>.
    /// </summary>
    private static AzureStorageBackend? Durable(CommandLine line, string runId) =>
        SharedHubOf(line) ?? (line.Value(DurableFlags.StorageFlag) is { } conn ? DurableFlags.ForRun(conn, runId) : null);

    /// <summary>The named hub of <c>--hub</c>, checked (before the CSV is staged anywhere), or null without it.</summary>
    private static AzureStorageBackend? SharedHubOf(CommandLine line)
    {
        if (line.Value(DurableFlags.HubFlag) is not { } hub)
        {
            if (line.Has(DurableFlags.LeaseFlag)) throw new UsageException($"--{DurableFlags.LeaseFlag} applies to a shared hub: add --{DurableFlags.HubFlag} <name>");
            return null;
        }
        if (line.Value(DurableFlags.StorageFlag) is not { } conn)
            throw new UsageException($"--{DurableFlags.HubFlag} needs --{DurableFlags.StorageFlag} <connection string>: the hub's queues and tables");
        if (line.Value("storage") is null)
            throw new UsageException($"--{DurableFlags.HubFlag} needs --storage <connection string>: workers read the run's CSV and write its videos there");
        return DurableFlags.Shared(conn, hub, DurableFlags.LeaseExpiry(line));
    }

    private static async Task<RunOutcome> RunOnHostAsync(CliContext cli, RunStorage storage, RunRequest request, NotifyingLedger ledger,
        IConfiguration configuration, ILoggerFactory logging,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices, AzureStorageBackend? durable, CancellationToken ct)
    {
        await using var host = await PipelineHost.StartAsync(storage.Store, ledger, configuration, logging, configureServices, ct, durable);
        cli.Output.WriteLine($"Run {request.RunId}: {request.CsvName} -> {storage.Description}{(durable is null ? "" : $"; orchestration in {durable.Describe()}")}");
        RunOutcome outcome;
        if (cli.Interactive)
        {
            outcome = await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("reading", maxValue: 1);
                    var result = await host.RunAsync(request, new SpectreObserver(task), ct);
                    task.Value = task.MaxValue;
                    return result;
                });
        }
        else
        {
            using var observer = new LineObserver(ledger, request.RunId, cli.Output);
            outcome = await host.RunAsync(request, observer, ct);
            await observer.OnProgressAsync(new RunProgress(outcome.RowsRead, outcome.Totals.Done, outcome.Failed, 0, RunProgress.Phases.Done), ct);
        }
        return outcome;
    }
}
