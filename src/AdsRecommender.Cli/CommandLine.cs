using System.CommandLine;
using System.CommandLine.Parsing;

namespace AdsRecommender.Cli;

/// <summary>
/// A command line as System.CommandLine parsed it (<see cref="CliCommands"/>), read by option name: what was given, not the
/// defaults shown in help, so each command takes its defaults from their source (<see cref="Core.Pipeline.RunOptions"/>).
/// </summary>
public sealed class CommandLine(ParseResult result)
{
    public string Command => result.CommandResult.Command.Name;

    public IReadOnlyList<string> Positionals =>
        result.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value).ToList();

    /// <summary>True when the option was given (a flag: given and not set to false).</summary>
    public bool Has(string name) => Given(name) is { } given && (given.Option is not Option<bool> flag || result.GetValue(flag));

    /// <summary>The option's value as typed, or null when it was not given.</summary>
    public string? Value(string name) => Given(name) is { Tokens.Count: > 0 } given ? given.Tokens[^1].Value : null;

    public int IntValue(string name, int fallback, int min = 1)
    {
        var v = Value(name);
        if (v is null) return fallback;
        if (!int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < min)
            throw new UsageException($"--{name} must be a whole number of at least {min}, was '{v}'");
        return n;
    }

    public bool OnOff(string name, bool fallback) => Value(name) switch
    {
        null => fallback,
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        var v => throw new UsageException($"--{name} must be on or off, was '{v}'"),
    };

    private OptionResult? Given(string name) => result.GetResult("--" + name) is OptionResult { Implicit: false } given ? given : null;
}
