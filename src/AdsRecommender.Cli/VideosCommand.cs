using AdsRecommender.Core.Storage;

namespace AdsRecommender.Cli;

/// <summary>
/// <c>adsrec videos &lt;run id&gt; (--out &lt;dir&gt; | --storage &lt;connection string&gt;)</c>: a run's per-video results, read
/// from the ledger a page at a time (a run of any size lists in constant memory).
/// </summary>
public static class VideosCommand
{
    public static readonly HashSet<string> ValueOptions = ["out", "storage", "page-size"];
    public static readonly HashSet<string> Flags = [];
    public const string Usage = "adsrec videos <run id> (--out <dir> | --storage <connection string>) [--page-size <n>]";

    public static async Task<int> ExecuteAsync(CommandLine line, CliContext cli, CancellationToken ct)
    {
        if (line.Positionals.Count != 1) throw new UsageException("videos needs exactly one run id (printed when the run starts)");
        var runId = line.Positionals[0];
        var pageSize = line.IntValue("page-size", 500);
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
