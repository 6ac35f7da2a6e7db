using System.Globalization;
using System.Text.RegularExpressions;
using AdsRecommender.Cli;
using AdsRecommender.Core.Results;
using AdsRecommender.Testing;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace AdsRecommender.Azure.Tests.Workers;

/// <summary>
/// Two real processes on one named task hub over Azurite: an <c>adsrec worker</c> and an <c>adsrec run --hub</c>, real clips on
/// 127.0.0.1, the real models. The worker is killed (SIGKILL) mid-run; the run must still finish every video and group them as a
/// single-process run does.
/// </summary>
[Collection(AzuriteFixtureCollection.Name)]
public sealed partial class SharedHubWorkerTests(AzuriteFixture azurite, ITestOutputHelper log)
{
    /// <summary>Shorter than the back end's default visibility (5 min) on purpose: with the default, the killed worker's
    /// videos come back only after this deadline (seen red: docs/AZURE.md, "Shared task hubs").</summary>
    private static readonly TimeSpan AfterKillDeadline = TimeSpan.FromMinutes(4);

    /// <summary>Short, so the run takes over the dead worker's partitions and videos within the test.</summary>
    private const string LeaseExpirySeconds = "15";

    [Fact]
    public async Task A_worker_killed_mid_run_loses_nothing_and_the_run_groups_as_a_single_process_run()
    {
        await using var server = new TestHttpServer();
        var clips = await TestClips.ServeAllAsync(server);
        var dir = Directory.CreateTempSubdirectory("adsrec-shared-hub-").FullName;
        var csv = Path.Combine(dir, $"ads-{Guid.NewGuid():N}"[..12] + ".csv");
        // 24 distinct URLs (four copies of each clip): enough that the worker is still busy when it is killed
        var rows = Enumerable.Range(0, 24).Select(i =>
        {
            var name = clips.Keys.Order(StringComparer.Ordinal).ElementAt(i % clips.Count);
            server.ServeFile($"/{i}/{name}", clips[name]);
            return string.Create(CultureInfo.InvariantCulture, $"{0.01 * (i + 1):0.00},{server.UriFor($"/{i}/{name}")}");
        });
        await File.WriteAllTextAsync(csv, "Performance,Video URL\n" + string.Join("\n", rows) + "\n");

        var single = Path.Combine(dir, "single");
        using (var baseline = CliProcess.Start("run", csv, "--out", single, "--allow-private-network", "--batch-size", "4"))
            Assert.True(await baseline.WaitAsync(TimeSpan.FromMinutes(6)) == CliApp.Ok, baseline.Output + baseline.Error);

        var hub = "w" + Guid.NewGuid().ToString("N")[..12];
        string[] shared = ["--storage", azurite.ConnectionString, "--durable-storage", azurite.ConnectionString, "--hub", hub,
            "--lease-expiry", LeaseExpirySeconds];
        using var worker = CliProcess.Start(["worker", .. shared]);
        await worker.WaitForOutputAsync(o => o.Contains("Worker on ", StringComparison.Ordinal), TimeSpan.FromMinutes(2), "worker start");
        var outDir = Path.Combine(dir, "shared");
        // the run allows 127.0.0.1; the worker was told nothing: it downloads the clips because the run's policy travels with it
        using var run = CliProcess.Start(["run", csv, "--out", outDir, "--allow-private-network", "--batch-size", "4", .. shared]);

        await worker.WaitForOutputAsync(o => VideoLine().Matches(o).Count >= 2, TimeSpan.FromMinutes(4), "two videos analysed by the worker");
        worker.Kill();
        var killed = System.Diagnostics.Stopwatch.StartNew();
        var byWorker = VideoLine().Matches(worker.Output).Count;
        var code = await run.WaitAsync(AfterKillDeadline);
        log.WriteLine($"worker analysed {byWorker} video(s) before SIGKILL; the run finished {killed.Elapsed.TotalSeconds:0} s later");
        log.WriteLine(worker.Output);
        log.WriteLine(run.Output);

        Assert.True(code == CliApp.Ok, $"exit {code}\n{run.Output}\n{run.Error}");
        Assert.Contains("videos failed:    0", run.Output, StringComparison.Ordinal);
        Assert.Contains("videos with faces: 20", run.Output, StringComparison.Ordinal); // 4 x 5 clips with a face
        Assert.Contains($"Task hub {hub} kept", run.Output, StringComparison.Ordinal);
        // the videos the worker finished (or held) when it died come back to the run, which reuses what the worker recorded
        var analysedByRun = run.Output.Split('\n').Count(l => VideoLine().IsMatch(l) && !l.Contains("(reused)", StringComparison.Ordinal));
        Assert.True(analysedByRun < 24, $"the run analysed every video itself (worker: {byWorker}):\n{run.Output}");
        var groups = await File.ReadAllTextAsync(Path.Combine(single, ResultFiles.Groups));
        Assert.Contains("video(", groups, StringComparison.Ordinal); // so the comparison is not of two empty files
        Assert.Equal(groups, await File.ReadAllTextAsync(Path.Combine(outDir, ResultFiles.Groups)));
        // a named hub stays after the run (workers may still be on it)
        var tables = new TableServiceClient(azurite.ConnectionString);
        Assert.Equal(1, await tables.QueryAsync(t => t.Name == hub + "Instances").CountAsync());
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Worker_help_names_its_options_and_a_missing_one_is_a_usage_error()
    {
        using var help = CliProcess.Start("worker", "--help");
        Assert.Equal(CliApp.Ok, await help.WaitAsync(TimeSpan.FromMinutes(1)));
        foreach (var option in new[] { "--storage", "--durable-storage", "--hub", "--account" }) Assert.Contains(option, help.Output);
        Assert.Matches(@"--lease-expiry <seconds> +\(15-60\)", help.Output); // the options' help text, not only the usage line
        Assert.Contains("A run's options", help.Output);

        using var missing = CliProcess.Start("worker", "--storage", azurite.ConnectionString, "--durable-storage", azurite.ConnectionString);
        Assert.Equal(CliApp.UsageError, await missing.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("worker needs --hub", missing.Error);

        // a shared run needs the shared store (workers read its CSV there), and hub names follow the back end's rules
        using var noStore = CliProcess.Start("run", "ads.csv", "--out", "out", "--durable-storage", azurite.ConnectionString, "--hub", "adsrec1");
        Assert.Equal(CliApp.UsageError, await noStore.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("--hub needs --storage", noStore.Error);
        using var badName = CliProcess.Start("worker", "--storage", azurite.ConnectionString, "--durable-storage", azurite.ConnectionString,
            "--hub", "my-hub");
        Assert.Equal(CliApp.UsageError, await badName.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("'my-hub' is not a task hub name", badName.Error);
    }

    /// <summary>A video line of this process: the worker prefixes the run id, the run prints it alone.</summary>
    [GeneratedRegex(@"video\(\d+\) perf ")]
    private static partial Regex VideoLine();
}
