using AdsRecommender.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdsRecommender.Cli;

/// <summary>What every command gets: output writers, configuration-bound options, logging (to stderr).</summary>
public sealed class CliContext(TextWriter output, TextWriter error, bool interactive)
{
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>True when stdout is a terminal: show a progress bar instead of one line per video.</summary>
    public bool Interactive { get; } = interactive;

    public static CliContext FromConsole() => new(Console.Out, Console.Error, !Console.IsOutputRedirected);

    /// <summary>
    /// The configuration every command's host binds: environment (<c>AdsRecommender__ModelsDirectory</c> etc.), then the
    /// command line's settings as overrides (<c>--models</c> is <c>AdsRecommender:ModelsDirectory</c>).
    /// </summary>
    public static IConfiguration Configuration(CommandLine line)
    {
        var overrides = new Dictionary<string, string?>();
        if (line.Value("models") is { } models)
            overrides[$"{AdsRecommenderOptions.Section}:{nameof(AdsRecommenderOptions.ModelsDirectory)}"] = Path.GetFullPath(models);
        return new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
    }

    /// <summary>
    /// The options as a host binds them (<see cref="ServiceCollectionExtensions.AddAdsRecommenderOptions"/>), for commands
    /// that run no pipeline host and to fail before any work: a bad setting is a usage error naming it.
    /// </summary>
    public static AdsRecommenderOptions Options(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddSingleton(configuration).AddAdsRecommenderOptions().BuildServiceProvider();
        try
        {
            return services.GetRequiredService<IOptions<AdsRecommenderOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (InvalidOperationException ex) // a value the binder cannot convert: its message names the setting
        {
            throw new UsageException(ex.InnerException is { } reason ? $"{ex.Message} {reason.Message}" : ex.Message);
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
