using System.CommandLine;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Cli;

/// <summary>
/// <c>adsrec worker --storage &lt;conn&gt; --durable-storage &lt;conn&gt; --hub &lt;name&gt;</c>: joins a shared task hub and runs its
/// orchestrations and activities until Ctrl+C/SIGTERM. Everything a video's analysis depends on per run (threshold, network
/// policy, multi-face, attempts) comes with the run's messages, so a worker obeys the run, not its own command line; only
/// the machine's settings (models, parallel analyses) are its own.
/// </summary>
public static class WorkerCommand
{
    /// <summary>In Azure: the storage account for both the run data and the hub, reached with the managed identity.</summary>
    public const string AccountFlag = "account";

    private const string Description = "Run the orchestrations and activities of a shared task hub (--hub) until Ctrl+C or SIGTERM, " +
        "one line per video; start runs on it with adsrec run --hub. A run's options (--threshold, --multi-face, ...) travel " +
        "with the run: the worker has none of its own. Every process on a hub uses the same --storage.";

    public static Command Definition(CliContext cli)
    {
        var command = new Command("worker", Description)
        {
            CliOptions.Storage("where the runs' CSVs, videos and results are"),
            CliOptions.DurableStorage(),
            CliOptions.Text(DurableFlags.HubFlag, "name", "the task hub to join, as given to `adsrec run --hub`"),
            CliOptions.Text(AccountFlag, "storage account", "instead of both connection strings: the storage account " +
                "https://<name>.*.core.windows.net through DefaultAzureCredential (in Azure the managed identity; AZURE_CLIENT_ID " +
                "picks a user-assigned one), as the Container App `adsrec worker` of infra/ runs it"),
            CliOptions.LeaseExpiry(),
            CliOptions.Models(),
            CliOptions.Verbose(),
        };
        command.SetAction((parsed, ct) => ExecuteAsync(new CommandLine(parsed), cli, ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(CommandLine line, CliContext cli, CancellationToken ct)
    {
        var account = line.Value(AccountFlag);
        if (account is not null && (line.Has("storage") || line.Has(DurableFlags.StorageFlag)))
            throw new UsageException($"--{AccountFlag} replaces --storage and --{DurableFlags.StorageFlag}: give one or the other");
        var name = Required(line, DurableFlags.HubFlag, "the task hub to join, as given to `adsrec run --hub`");
        var hub = account is not null
            ? DurableFlags.Shared("", name, DurableFlags.LeaseExpiry(line)) with { IdentityAccount = account }
            : DurableFlags.Shared(Required(line, DurableFlags.StorageFlag, "the hub's queues and tables (Azurite: UseDevelopmentStorage=true)"),
                name, DurableFlags.LeaseExpiry(line));
        var storage = account is not null
            ? AzureStorage.ForIdentity(account)
            : AzureStorage.Create(Required(line, "storage", "where the runs' CSVs, videos and results are"));
        var configuration = CliContext.Configuration(line);
        CliContext.Options(configuration); // a bad setting stops here, before joining the hub
        using var logging = CliContext.Logging(line);
        var ledger = new NotifyingLedger(storage.Ledger);
        using var lines = new VideoLines(ledger, cli.Output);
        await using (await PipelineHost.StartAsync(storage.Store, ledger, configuration, logging, ct: ct, durable: hub))
        {
            cli.Output.WriteLine($"Worker on {hub.Describe()}; run data in {storage.Description}. Ctrl+C or SIGTERM stops it.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                cli.Output.WriteLine("Worker stopping: work it had not finished goes back to the hub for the other processes.");
            }
        }
        return CliApp.Ok;
    }

    private static string Required(CommandLine line, string option, string what) =>
        line.Value(option) ?? throw new UsageException($"worker needs --{option}: {what}");

    /// <summary>One line per video this process records, for any run: <c>&lt;run id&gt; video(N) ...</c> (nothing kept per video:
    /// a worker lives for many runs).</summary>
    private sealed class VideoLines : IDisposable
    {
        private readonly NotifyingLedger _ledger;
        private readonly TextWriter _output;
        private readonly Lock _gate = new();

        public VideoLines(NotifyingLedger ledger, TextWriter output)
        {
            (_ledger, _output) = (ledger, output);
            _ledger.VideoRecorded += OnVideo;
        }

        private void OnVideo(string runId, VideoResult video)
        {
            lock (_gate) _output.WriteLine($"{runId} {LineObserver.Describe(video)}");
        }

        public void Dispose() => _ledger.VideoRecorded -= OnVideo;
    }
}
