using System.CommandLine;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AdsRecommender.Cli;

/// <summary>
/// <c>adsrec watch --storage &lt;conn&gt;</c>: polls the <c>input</c> container for CSVs uploaded at its top level and runs each
/// once. The run id comes from the blob's name and content hash, and a run already in the ledger is not started again,
/// so restarts of the watcher and re-uploads of the same file do not duplicate work; a changed file is a new run.
/// </summary>
public static class WatchCommand
{
    private const int DefaultIntervalSeconds = 15;

    public static Command Definition(CliContext cli)
    {
        var command = new Command("watch", "Poll the storage account's input container for new CSV files and run each once.")
        {
            CliOptions.Storage("the account whose input container is watched, and where the runs' data goes"),
            CliOptions.Count("interval", "seconds", "how often the input container is listed", DefaultIntervalSeconds),
            CliOptions.Flag("once", "list the input container once, run what is new, and exit"),
            CliOptions.DurableStorage(),
            CliOptions.KeepHistory(),
            CliOptions.Threshold(),
            CliOptions.MultiFace(),
            CliOptions.BatchSize(),
            CliOptions.Attempts(),
            CliOptions.AllowPrivateNetwork(),
            CliOptions.Models(),
            CliOptions.Verbose(),
        };
        command.SetAction((parsed, ct) => ExecuteAsync(new CommandLine(parsed), cli, ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(CommandLine line, CliContext cli, CancellationToken ct)
    {
        var conn = line.Value("storage") ?? throw new UsageException("watch needs --storage <connection string>");
        var interval = TimeSpan.FromSeconds(line.IntValue("interval", DefaultIntervalSeconds));
        var runOptions = RunCommand.ParseRunOptions(line);
        var storage = AzureStorage.Create(conn);
        var input = AzureStorage.Blobs(conn).GetBlobContainerClient(RunAreas.Input);
        await input.CreateIfNotExistsAsync(cancellationToken: ct);
        cli.Output.WriteLine($"Watching {input.Uri} for new CSV files (every {interval.TotalSeconds:0} s)");
        var ran = 0;
        while (!ct.IsCancellationRequested)
        {
            foreach (var csv in await NewCsvsAsync(input, storage.Ledger, ct))
            {
                cli.Output.WriteLine($"New CSV {csv.BlobName}: run {csv.RunId}");
                await storage.Store.WriteAsync(csv.RunId, RunAreas.Input, csv.CsvName, new MemoryStream(csv.Content, writable: false), ct);
                await RunCommand.RunAsync(cli, line, storage, new RunRequest(csv.RunId, csv.CsvName, runOptions), ct);
                ran++;
            }
            if (line.Has("once")) break;
            await Task.Delay(interval, ct);
        }
        return ran > 0 || line.Has("once") ? CliApp.Ok : CliApp.NothingProcessed;
    }

    /// <summary>CSV blobs at the container's top level whose run (name + content hash) the ledger does not know.</summary>
    public static async Task<IReadOnlyList<PendingCsv>> NewCsvsAsync(BlobContainerClient input, IRunLedger ledger, CancellationToken ct)
    {
        var found = new List<PendingCsv>();
        await foreach (var item in input.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix: null, ct))
        {
            if (!item.IsBlob || !item.Blob.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) continue;
            var content = (await input.GetBlobClient(item.Blob.Name).DownloadContentAsync(ct)).Value.Content.ToArray();
            var csvName = RunSetup.CsvNameFor(item.Blob.Name);
            var runId = RunIds.For(csvName, RunIds.Sha256Hex(content));
            if (await ledger.GetRunAsync(runId, ct) is not null) continue;
            found.Add(new PendingCsv(item.Blob.Name, csvName, runId, content));
        }
        return found;
    }
}
