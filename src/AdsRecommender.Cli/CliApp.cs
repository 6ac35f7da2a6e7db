namespace AdsRecommender.Cli;

/// <summary>Dispatches <c>adsrec &lt;command&gt;</c>. Exit codes: 0 something processed, 1 nothing could be (or the run failed), 2 usage error or a machine that cannot run the analysis (start-up self-test).</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int NothingProcessed = 1;
    public const int UsageError = 2; // also: the start-up self-test failed

    public static string Usage => string.Join('\n',
        "usage:",
        "  " + RunCommand.Usage,
        "  " + DemoCommand.Usage,
        "  " + WatchCommand.Usage,
        "  " + WorkerCommand.Usage,
        "  " + BenchCommand.Usage,
        "  " + VideosCommand.Usage,
        "  " + CalibrateCommand.Usage);

    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? cli.Error : cli.Output).WriteLine(Usage);
            return args.Length == 0 ? UsageError : Ok;
        }
        try
        {
            return args[0] switch
            {
                "run" => await RunCommand.ExecuteAsync(CommandLine.Parse(args, RunCommand.ValueOptions, RunCommand.Flags), cli, ct),
                "demo" => await DemoCommand.ExecuteAsync(CommandLine.Parse(args, DemoCommand.ValueOptions, DemoCommand.Flags), cli, ct),
                "worker" => await WorkerCommand.ExecuteAsync(CommandLine.Parse(args, WorkerCommand.ValueOptions, WorkerCommand.Flags), cli, ct),
                "watch" => await WatchCommand.ExecuteAsync(CommandLine.Parse(args, WatchCommand.ValueOptions, WatchCommand.Flags), cli, ct),
                "bench" => await BenchCommand.ExecuteAsync(CommandLine.Parse(args, BenchCommand.ValueOptions, BenchCommand.Flags), cli, ct),
                "videos" => await VideosCommand.ExecuteAsync(CommandLine.Parse(args, VideosCommand.ValueOptions, VideosCommand.Flags), cli, ct),
                "calibrate" => CalibrateCommand.Execute(CommandLine.Parse(args, CalibrateCommand.ValueOptions, CalibrateCommand.Flags), cli),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException ex)
        {
            cli.Error.WriteLine($"adsrec: {ex.Message}");
            cli.Error.WriteLine(Usage);
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
}
