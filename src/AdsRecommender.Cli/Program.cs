using System.Runtime.InteropServices;
using AdsRecommender.Cli;

using var cts = new CancellationTokenSource();
var exitCode = 130;
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops cleanly (finished videos stay in the output folder; rerun to resume); the second kills.
    if (cts.IsCancellationRequested) return;
    e.Cancel = true;
    cts.Cancel();
};
// SIGTERM (docker stop, kill, systemd) stops the same clean way; without this the process went on running.
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    if (cts.IsCancellationRequested) return;
    context.Cancel = true;
    exitCode = 143;
    cts.Cancel();
});
try
{
    return await CliApp.RunAsync(args, CliContext.FromConsole(), cts.Token);
}
catch (OperationCanceledException) when (cts.IsCancellationRequested)
{
    Console.Error.WriteLine("adsrec: interrupted; run the same command again to resume.");
    return exitCode;
}
