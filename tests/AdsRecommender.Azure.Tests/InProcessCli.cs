using System.Globalization;
using AdsRecommender.Cli;
using AdsRecommender.Testing;

namespace AdsRecommender.Azure.Tests;

/// <summary><c>adsrec</c> run in this process (<see cref="CliApp.RunAsync"/>), stopped at a deadline: the timeout names the command and carries what it printed.</summary>
internal static class InProcessCli
{
    public static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            var code = await Deadline.Within(Deadline.Run, $"adsrec {string.Join(' ', args.Take(2))}",
                ct => CliApp.RunAsync(args, new CliContext(output, error, interactive: false), ct));
            return (code, output + "\n" + error);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; it printed:\n{output}\n{error}", e);
        }
    }
}
