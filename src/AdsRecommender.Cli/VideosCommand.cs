using System.CommandLine;
using AdsRecommender.Core.Storage;

namespace AdsRecommender.Cli;

/// <summary>
/// <c>adsrec videos &lt;run id&gt; (--out &lt;dir&gt; | --storage &lt;connection string&gt;)</c>: a run's per-video results, read
/// from the ledger a page at a time (a run of any size lists in constant memory).
/// </summary>
public static class VideosCommand
{
    private const int DefaultPageSize = 500;

    public static Command Definition(CliContext cli)
    {
        var command = new Command("videos", "List a run's per-video results (give the run's --out folder or its --storage).")
        {
            new Argument<string>("run id") { Description = "printed when the run starts" },
            CliOptions.Text("out", "dir", "the run's folder"),
            CliOptions.Storage("the account the run's data is in"),
            CliOptions.Count("page-size", "n", "videos read from the ledger at a time", DefaultPageSize),
        };
        command.SetAction((parsed, ct) => ExecuteAsync(new CommandLine(parsed), cli, ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(CommandLine line, CliContext cli, CancellationToken ct)
    {
        var runId = line.Positionals[0];
        var pageSize = line.IntValue("page-size", DefaultPageSize);
        try
        {
            SafeName.Check(runId, "run id");
            VideoPage.CheckPageSize(pageSize);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        var storage = StorageFactory.Create(line.Value("storage"), line.Value("out"));
        var count = 0;
        string? continuation = null;
        do
        {
            var page = await storage.Ledger.GetVideosPageAsync(runId, continuation, pageSize, ct);
            foreach (var v in page.Videos) cli.Output.WriteLine(LineObserver.Describe(v));
            count += page.Videos.Count;
            continuation = page.Continuation;
        }
        while (continuation is not null);
        if (count == 0)
        {
            cli.Error.WriteLine($"adsrec: no videos recorded for run '{runId}' in {storage.Description}");
            return CliApp.NothingProcessed;
        }
        return CliApp.Ok;
    }
}
