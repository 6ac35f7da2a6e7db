using AdsRecommender.RunBench;

// Ctrl+C stops the benchmark at the next await: a partial measurement is not worth keeping.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cts.IsCancellationRequested) return;
    e.Cancel = true;
    cts.Cancel();
};
try
{
    var cli = CliContext.FromConsole();
    return await CliApp.RunAsync(BenchCommand.Definition(cli), "adsrec-bench", args, cli, cts.Token);
}
catch (OperationCanceledException) when (cts.IsCancellationRequested)
{
    Console.Error.WriteLine("adsrec-bench: interrupted.");
    return 130;
}
