using System.CommandLine;
using System.Globalization;
using System.Text;
using AdsRecommender.Samples;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Cli;

/// <summary>
/// <c>adsrec demo [--out &lt;dir&gt;]</c>: composes ten ad clips from the sample photos (see <see cref="SampleSet"/>), writes a CSV
/// with invented performance numbers, serves the clips on 127.0.0.1 and runs the whole pipeline on them, exactly as
/// <c>adsrec run</c> would (the private network is allowed only for that one 127.0.0.1 endpoint).
/// </summary>
public static class DemoCommand
{
    public static Command Definition(CliContext cli)
    {
        var command = new Command("demo", "Compose ten sample ad clips, serve them on 127.0.0.1 and run the whole pipeline on them.")
        {
            CliOptions.Text("out", "dir", "the run's folder (default: ./adsrec-demo)"),
            CliOptions.Threshold(),
            CliOptions.MultiFace(),
            CliOptions.Models(),
            CliOptions.Verbose(),
        };
        command.SetAction((parsed, ct) => ExecuteAsync(new CommandLine(parsed), cli, ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(CommandLine line, CliContext cli, CancellationToken ct)
    {
        var outDir = Path.GetFullPath(line.Value("out") ?? Path.Combine(Directory.GetCurrentDirectory(), "adsrec-demo"));
        var clipsDir = Path.Combine(outDir, "sample-clips");
        var data = await SampleData.EnsureAsync(cli.Output, ct);
        cli.Output.WriteLine($"Composing {SampleSet.Clips.Count} sample ad clips from {data} into {clipsDir}");
        var builder = new SampleClipBuilder(data);
        foreach (var clip in SampleSet.Clips) await builder.BuildAsync(clip, clipsDir, ct);

        await using var server = await ClipServer.StartAsync(clipsDir, PreferredPort(outDir), ct);
        var csvPath = Path.Combine(clipsDir, "demo_ads.csv");
        await File.WriteAllTextAsync(csvPath, Csv(server), ct);
        cli.Output.WriteLine($"Serving them at {server.BaseUri}; sample CSV: {csvPath}");

        var storage = RunStorage.Local(outDir);
        var (runId, csvName) = await RunSetup.StageCsvAsync(storage.Store, csvPath, ct);
        var options = RunCommand.ParseRunOptions(line) with { AllowedPrivateEndpoints = [$"127.0.0.1:{server.Port}"] };
        var code = await RunCommand.RunAsync(cli, line, storage, new RunRequest(runId, csvName, options), ct);
        cli.Output.WriteLine($"Open {Path.Combine(outDir, "report.html")} to see the groups.");
        return code;
    }

    /// <summary>A port from the output folder's name (20000-29999), so rerunning the demo into the same folder reuses its results.</summary>
    public static int PreferredPort(string outDir) =>
        20000 + (int)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(outDir)), 0) % 10000);

    /// <summary>The sample CSV: one row per clip, plus one row with an unreadable performance to show how rows are skipped.</summary>
    public static string Csv(ClipServer server)
    {
        var sb = new StringBuilder("Performance,Video URL,Who\n");
        foreach (var c in SampleSet.Clips)
            sb.Append(c.Performance.ToString("0.###", CultureInfo.InvariantCulture)).Append(',').Append(server.UriFor(c.Name + ".mp4"))
              .Append(",\"").Append(c.Expect).Append("\"\n");
        sb.Append("n/a,").Append(server.UriFor("jolie_a.mp4")).Append(",\"a row with no performance (skipped)\"\n");
        return sb.ToString();
    }
}
