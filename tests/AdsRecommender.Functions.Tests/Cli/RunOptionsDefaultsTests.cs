using AdsRecommender.Cli;
using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary>The CLI's run options come from <see cref="RunOptions"/>' own defaults, as the Functions app's do: one source.</summary>
public sealed class RunOptionsDefaultsTests
{
    private static RunOptions Parse(params string[] args) =>
        RunCommand.ParseRunOptions(new CommandLine(CliCommands.Root(CliContext.FromConsole()).Parse(["run", "ads.csv", .. args])));

    [Fact]
    public void A_run_without_options_gets_the_records_defaults() => Assert.Equal(new RunOptions(), Parse());

    [Fact]
    public void Each_option_overrides_only_its_own_value()
    {
        var parsed = Parse("--batch-size", "7", "--attempts", "2", "--batches-in-flight", "3", "--multi-face", "off", "--allow-private-network");
        Assert.Equal(new RunOptions() with { BatchSize = 7, MaxAttempts = 2, MaxBatchesInFlight = 3, MultiFace = false, AllowPrivateNetwork = true }, parsed);
    }
}
