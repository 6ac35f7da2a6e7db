using AdsRecommender.Cli;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops cleanly (finished videos stay in the output folder; rerun to resume); the second kills.
    if (cts.IsCancellationRequested) return;
    e.Cancel = true;
    cts.Cancel();
};
try
{
    return await CliApp.RunAsync(args, CliContext.FromConsole(), cts.Token);
}
catch (OperationCanceledException) when (cts.IsCancellationRequested)
{
    Console.Error.WriteLine("adsrec: interrupted; run the same command again to resume.");
    return 130;
}
