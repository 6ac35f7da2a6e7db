using System.CommandLine;
using System.CommandLine.Invocation;

namespace AdsRecommender.Cli;

/// <summary>Dispatches <c>adsrec &lt;command&gt;</c>. Exit codes: 0 something processed, 1 nothing could be (or the run failed), 2 usage error or a machine that cannot run the analysis (start-up self-test).</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int NothingProcessed = 1;
    public const int UsageError = 2; // also: the start-up self-test failed

    public static Task<int> RunAsync(string[] args, CliContext cli, CancellationToken ct) =>
        RunAsync(CliCommands.Root(cli), "adsrec", args, cli, ct);

    /// <summary>Parses <paramref name="args"/> with the commands of <paramref name="root"/> and runs the one named, mapping
    /// parse errors and the commands' exceptions to the exit codes above (also for the benchmark program).</summary>
    public static async Task<int> RunAsync(RootCommand root, string program, string[] args, CliContext cli, CancellationToken ct)
    {
        if (args is ["help", .. var rest]) args = [.. rest, "--help"]; // the old spelling of adsrec --help
        var parsed = root.Parse(args, CliCommands.Parsing);
        if (parsed.Errors.Count > 0) return ParseError(parsed, program, cli);
        try
        {
            return await parsed.InvokeAsync(Invocation(cli), ct);
        }
        catch (UsageException ex)
        {
            cli.Error.WriteLine($"adsrec: {ex.Message}");
            cli.Error.WriteLine("usage: " + CliCommands.UsageOf(program, parsed.CommandResult.Command));
            return UsageError;
        }
        catch (Exception ex) when (ex is EnvironmentNotReadyException or Samples.SampleDataUnavailableException)
        {
            cli.Error.WriteLine($"adsrec: {ex.Message}");
            return UsageError;
        }
        catch (RunFailedException ex)
        {
            cli.Error.WriteLine($"adsrec: {ex.Message}");
            return NothingProcessed;
        }
    }

    private static InvocationConfiguration Invocation(CliContext cli) => new()
    {
        Output = cli.Output,
        Error = cli.Error,
        // a command's exceptions are mapped to exit codes here, and Program handles Ctrl+C and SIGTERM itself
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = null,
    };

    /// <summary>System.CommandLine's error lines and its "did you mean" suggestions, the usage line, exit code 2.</summary>
    private static int ParseError(ParseResult parsed, string program, CliContext cli)
    {
        if (parsed.Action is ParseErrorAction errors) (errors.ShowHelp, errors.ShowTypoCorrections) = (false, true);
        parsed.Invoke(Invocation(new CliContext(cli.Error, cli.Error, cli.Interactive))); // the suggestions too: all on stderr
        cli.Error.WriteLine("usage: " + CliCommands.UsageOf(program, parsed.CommandResult.Command));
        return UsageError;
    }
}
