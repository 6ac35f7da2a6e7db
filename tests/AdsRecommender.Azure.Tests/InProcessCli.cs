using System.Globalization;
using AdsRecommender.Cli;
using AdsRecommender.Testing;

namespace AdsRecommender.Azure.Tests;

/// <summary><c>adsrec</c> run in this process (<see cref="CliApp.RunAsync(string[], CliContext, CancellationToken)"/>), stopped at a deadline: the timeout names the command and carries what it printed.</summary>
internal static class InProcessCli
{
    public static Task<(int Code, string Output)> RunAsync(params string[] args) =>
        RunAsync("adsrec", (cli, ct) => CliApp.RunAsync(args, cli, ct), args);

    /// <summary><c>adsrec-bench</c> (bench/AdsRecommender.RunBench) in this process.</summary>
    public static Task<(int Code, string Output)> RunBenchAsync(params string[] args) =>
        RunAsync("adsrec-bench", (cli, ct) => CliApp.RunAsync(RunBench.BenchCommand.Definition(cli), "adsrec-bench", args, cli, ct), args);

    private static async Task<(int Code, string Output)> RunAsync(string program, Func<CliContext, CancellationToken, Task<int>> run, string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            var code = await Deadline.Within(Deadline.Run, $"{program} {string.Join(' ', args.Take(2))}",
                ct => run(new CliContext(output, error, interactive: false), ct));
            return (code, output + "\n" + error);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; it printed:\n{output}\n{error}", e);
        }
    }
}
