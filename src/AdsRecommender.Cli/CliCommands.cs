using System.CommandLine;

namespace AdsRecommender.Cli;

/// <summary>
/// The command tree of <c>adsrec</c>, parsed by System.CommandLine: each command declares its arguments and options, and help,
/// "did you mean" suggestions and the usage line are generated from them.
/// </summary>
public static class CliCommands
{
    public static RootCommand Root(CliContext cli) => new("adsrec: find the people in video ads and group the ads by who appears in them.")
    {
        RunCommand.Definition(cli),
        WatchCommand.Definition(cli),
        WorkerCommand.Definition(cli),
        VideosCommand.Definition(cli),
        CalibrateCommand.Definition(cli),
        DemoCommand.Definition(cli),
    };

    /// <summary>
    /// As the hand-written parser did: a token starting with <c>@</c> is an argument, not a response file to expand.
    /// </summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    /// <summary>One line from the command's declaration: <c>adsrec run &lt;csv&gt; [options]</c>.</summary>
    public static string UsageOf(string program, Command command)
    {
        var name = command is RootCommand ? program : $"{program} {command.Name}";
        var arguments = command.Arguments.Select(a => a.Arity.MaximumNumberOfValues > 1 ? $"<{a.Name}>..." : $"<{a.Name}>");
        var subcommands = command.Subcommands.Count > 0 ? [$"[{string.Join('|', command.Subcommands.Select(c => c.Name))}]"] : Array.Empty<string>();
        return string.Join(' ', [name, .. subcommands, .. arguments, "[options]"]) + $"   ({name} --help lists them)";
    }
}
