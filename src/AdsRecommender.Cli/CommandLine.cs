namespace AdsRecommender.Cli;

/// <summary>
/// A parsed command line: <c>command positional... --option value --flag</c>. Options are declared by the command,
/// so a typo is a usage error rather than silently ignored.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CommandLine(string command, List<string> positionals)
    {
        Command = command;
        Positionals = positionals;
    }

    public string Command { get; }
    public IReadOnlyList<string> Positionals { get; }

    /// <param name="valueOptions">Options that take a value (without the leading dashes).</param>
    /// <param name="flags">Options that take none.</param>
    public static CommandLine Parse(IReadOnlyList<string> args, ISet<string> valueOptions, ISet<string> flags)
    {
        if (args.Count == 0) throw new UsageException("missing command");
        var positionals = new List<string>();
        var line = new CommandLine(args[0], positionals);
        for (var i = 1; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a == "--")
            {
                positionals.Add(a);
                continue;
            }
            var name = a[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            if (flags.Contains(name))
            {
                if (inline is not null) throw new UsageException($"--{name} takes no value");
                line._options[name] = null;
            }
            else if (valueOptions.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value"));
                line._options[name] = value;
            }
            else
            {
                throw new UsageException($"unknown option --{name} for '{args[0]}'");
            }
        }
        return line;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.GetValueOrDefault(name);

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
}
