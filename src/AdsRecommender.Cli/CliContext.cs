using AdsRecommender.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Cli;

/// <summary>What every command gets: output writers, configuration-bound options, logging (to stderr).</summary>
public sealed class CliContext(TextWriter output, TextWriter error, bool interactive)
{
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>True when stdout is a terminal: show a progress bar instead of one line per video.</summary>
    public bool Interactive { get; } = interactive;

    public static CliContext FromConsole() => new(Console.Out, Console.Error, !Console.IsOutputRedirected);

    /// <summary>Options from environment (<c>AdsRecommender__ModelsDirectory</c> etc.), then <c>--models</c>.</summary>
    public static AdsRecommenderOptions Options(CommandLine line)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var options = new AdsRecommenderOptions();
        try
        {
            config.GetSection(AdsRecommenderOptions.Section).Bind(options);
            if (line.Value("models") is { } models) options.ModelsDirectory = Path.GetFullPath(models);
            return options.Validate();
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    public static ILoggerFactory Logging(CommandLine line) => LoggerFactory.Create(b => b
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .SetMinimumLevel(line.Has("verbose") ? LogLevel.Information : LogLevel.Warning)
        .AddFilter("Microsoft", line.Has("verbose") ? LogLevel.Warning : LogLevel.Error)
        .AddFilter("Grpc", LogLevel.Error)
        .AddFilter("DurableTask", LogLevel.Error));
}
