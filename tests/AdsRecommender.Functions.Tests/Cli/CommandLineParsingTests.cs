using System.Globalization;
using AdsRecommender.Cli;
using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary>
/// The command line as System.CommandLine parses it (<see cref="CliCommands"/>), in this process: suggestions for typos,
/// bad values named with the usage exit code, generated help with every option. Each case stops before any work.
/// </summary>
public sealed class CommandLineParsingTests
{
    private static async Task<(int Code, string Output, string Error)> AdsrecAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(CultureInfo.InvariantCulture), new StringWriter(CultureInfo.InvariantCulture));
        var code = await CliApp.RunAsync(args, new CliContext(output, error, interactive: false), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--treshold", "--threshold")]
    [InlineData("--batch-sise", "--batch-size")]
    [InlineData("--allow-privat-network", "--allow-private-network")]
    public async Task A_mistyped_option_is_answered_with_the_option_meant_and_the_usage_exit_code(string typed, string meant)
    {
        var outDir = Path.Combine(Path.GetTempPath(), $"adsrec-typo-{Guid.NewGuid():N}");

        var (code, output, error) = await AdsrecAsync("run", "ads.csv", "--out", outDir, typed, "7");

        Assert.Contains("Did you mean", error);
        Assert.Contains(Environment.NewLine + meant + Environment.NewLine, error); // a suggestion line of its own
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("usage: adsrec run <csv> [options]", error);
        Assert.Empty(output);
        Assert.False(Directory.Exists(outDir), "a usage error started the run");
    }

    [Fact]
    public async Task A_mistyped_command_is_answered_with_the_command_meant()
    {
        var (code, _, error) = await AdsrecAsync("rnu", "ads.csv");

        Assert.Contains(Environment.NewLine + "run" + Environment.NewLine, error);
        Assert.Equal(CliApp.UsageError, code);
    }

    [Theory]
    [InlineData("--batch-size", "lots")]
    [InlineData("--batches-in-flight", "1.5")]
    [InlineData("--lease-expiry", "5")] // a whole number, out of the range the command checks
    [InlineData("--attempts", "0")]
    [InlineData("--multi-face", "sometimes")]
    [InlineData("--threshold", "lots")]
    public async Task A_bad_value_names_its_option_and_exits_with_the_usage_code(string option, string value)
    {
        var outDir = Path.Combine(Path.GetTempPath(), $"adsrec-bad-value-{Guid.NewGuid():N}");
        string[] hub = option == "--lease-expiry" ? ["--hub", "adsrec1", "--storage", "UseDevelopmentStorage=true", "--durable-storage", "UseDevelopmentStorage=true"] : [];

        var (code, _, error) = await AdsrecAsync(["run", "ads.csv", "--out", outDir, .. hub, option, value]);

        Assert.Contains(option, error);
        Assert.Contains(value, error);
        Assert.Equal(CliApp.UsageError, code);
        Assert.False(Directory.Exists(outDir), "a bad value started the run");
    }

    [Fact]
    public async Task Run_help_lists_every_option_of_run_with_the_defaults_of_RunOptions()
    {
        var (code, output, _) = await AdsrecAsync("run", "--help");

        Assert.Equal(CliApp.Ok, code);
        string[] options = ["--out <dir>", "--threshold <x|auto|default>", "--allow-private-network", "--storage <connection string>",
            "--multi-face <on|off>", "--batch-size <n>", "--batches-in-flight <n>", "--attempts <n>", "--models <dir>", "--verbose",
            "--durable-storage <connection string>", "--keep-history", "--hub <name>", "--lease-expiry <seconds>"];
        foreach (var option in options) Assert.Contains(Environment.NewLine + "  " + option + " ", output);
        var defaults = new RunOptions();
        Assert.Matches($@"--batch-size <n> .*\[default: {defaults.BatchSize}\]", output);
        Assert.Matches($@"--batches-in-flight <n> .*\[default: {defaults.MaxBatchesInFlight}\]", output);
        Assert.Matches($@"--attempts <n> .*\[default: {defaults.MaxAttempts}\]", output);
        Assert.Matches(@"Usage:\s+\S+ run <csv> \[options\]", output); // the program's name: adsrec, here the test host
    }

    [Theory]
    [InlineData("run")]
    [InlineData("watch")]
    [InlineData("worker")]
    [InlineData("videos")]
    [InlineData("calibrate")]
    [InlineData("demo")]
    public async Task Each_command_has_generated_help(string command)
    {
        var (code, output, _) = await AdsrecAsync(command, "--help");

        Assert.Equal(CliApp.Ok, code);
        Assert.Matches($@"Usage:\s+\S+ {command} ", output);
        Assert.Contains("--help", output);
    }

    [Fact]
    public async Task The_shipped_cli_has_exactly_its_six_commands()
    {
        var (code, output, _) = await AdsrecAsync("--help");

        Assert.Equal(CliApp.Ok, code);
        var commands = output[output.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n').Skip(1)
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ')[0]).ToList();
        Assert.Equal(["run", "watch", "worker", "videos", "calibrate", "demo"], commands);
    }
}
