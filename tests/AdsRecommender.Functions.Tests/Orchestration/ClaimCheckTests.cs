using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdsRecommender.Cli;
using AdsRecommender.Core.Reports;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Testing;
using Microsoft.DurableTask.Client;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>
/// Claim check and bounded history: the run's output, custom status and <c>run_summary.json</c> carry counts, not per-video
/// lists, so their size does not grow with the rows (the report lists the first problem videos and counts the rest); a batched run continues as new, so its history holds a bounded number of batches.
/// The CSV's bad rows likewise travel as a count, listed in <c>row_problems.csv</c>.
/// Rows are real HTTP requests to 127.0.0.1 that answer 404 (no download, no face stage).
/// </summary>
public sealed class ClaimCheckTests
{
    private static readonly RunOptions Options = new(AllowPrivateNetwork: true, BatchSize: 20, MaxAttempts: 1, BatchesPerGeneration: 5);

    [Fact]
    public async Task Output_status_and_summary_do_not_grow_with_rows_and_the_history_stays_bounded()
    {
        await using var server = new TestHttpServer();
        var small = await RunAsync(server, 50);
        var large = await RunAsync(server, 500);

        Assert.Equal(500, large.Failed);
        Assert.True(Math.Abs(large.OutputBytes - small.OutputBytes) <= 64,
            $"output {small.OutputBytes} bytes at 50 rows, {large.OutputBytes} at 500");
        Assert.True(Math.Abs(large.StatusBytes - small.StatusBytes) <= 16,
            $"custom status {small.StatusBytes} bytes at 50 rows, {large.StatusBytes} at 500");
        // run ids and times differ by a few characters; a per-video list would add ~200 bytes a video
        Assert.True(Math.Abs(large.SummaryBytes - small.SummaryBytes) <= 64,
            $"run_summary.json {small.SummaryBytes} bytes at 50 rows, {large.SummaryBytes} at 500");
        // the report lists the first 200 failed videos in row order and points at the ledger for the other 300
        Assert.Equal(ReportModel.DefaultMaxProblemRows, Regex.Count(large.Report, "<tr><td>video\\([0-9]+\\)</td><td><span class=\"pill bad\">failed"));
        Assert.Contains("<tr><td>video(199)</td>", large.Report, StringComparison.Ordinal);
        Assert.DoesNotContain("<tr><td>video(200)</td>", large.Report, StringComparison.Ordinal);
        Assert.Contains($"and 300 more: every video with its status and reason is listed by <code>adsrec videos {large.RunId} --out &lt;the run's folder&gt;</code>", large.Report, StringComparison.Ordinal);
        // 25 batches, 5 per generation: the parent continued as new 4 times and no execution held more than 5 batches
        Assert.Equal(1, small.History.Executions);
        Assert.Equal(5, large.History.Executions);
        Assert.True(large.History.MaxEvents < 2 * small.History.MaxEvents,
            $"largest parent history: {small.History.MaxEvents} events at 50 rows (3 batches), {large.History.MaxEvents} at 500 (25 batches)");
    }

    /// <summary>
    /// The in-memory service keeps every finished instance with its whole history; the CLI's host purges the run's
    /// completed batches while it runs and when it ends, so memory does not grow with the videos done (1.6 GB of RSS
    /// after 285,000 synthetic videos without it). The run's own instance stays, with its outcome.
    /// </summary>
    [Fact]
    public async Task A_finished_run_leaves_none_of_its_batches_in_the_in_memory_service()
    {
        await using var server = new TestHttpServer();
        using var run = new TestRun();
        var csv = TestRun.Csv(Enumerable.Range(0, 100).Select(i => (0.01 * i, server.UriFor($"/purged-{i}.mp4"))).ToArray());
        List<string> left = [];
        OrchestrationMetadata? parent = null;
        var outcome = await run.RunAsync(csv, Options, async (client, o) =>
        {
            var query = new OrchestrationQuery { InstanceIdPrefix = AnalyzeAdsOrchestrator.BatchInstancePrefix(o.RunId) };
            await foreach (var instance in client.GetAllInstancesAsync(query)) left.Add(instance.InstanceId);
            parent = await client.GetInstanceAsync(o.RunId);
        });

        Assert.Equal(5, outcome.Batches);
        Assert.Empty(left);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, parent?.RuntimeStatus);
    }

    private static async Task<(int Failed, int OutputBytes, int StatusBytes, int SummaryBytes, string Report, string RunId, AdsRecommender.Hosting.HistoryMeter.InstanceHistory History)> RunAsync(
        TestHttpServer server, int rows)
    {
        using var run = new TestRun();
        var csv = TestRun.Csv(Enumerable.Range(0, rows).Select(i => (0.001 * i, server.UriFor($"/gone{rows}-{i}.mp4"))).ToArray());
        int output = 0, status = 0;
        var outcome = await run.RunAsync(csv, Options, async (client, o) =>
        {
            (_, output, status) = await MessageBytesAsync(client, o.RunId);
        });
        Assert.Equal(rows, outcome.Videos.Count);
        return (outcome.Failed, output, status, (int)new FileInfo(run.Result(ResultFiles.Summary)).Length,
            await File.ReadAllTextAsync(run.Result(ResultFiles.Report)), outcome.RunId, run.History!.For(outcome.RunId)!);
    }

    /// <summary>UTF-8 sizes of the instance's serialized input, output and custom status.</summary>
    private static async Task<(int Input, int Output, int Status)> MessageBytesAsync(DurableTaskClient client, string runId)
    {
        var meta = (await client.GetInstanceAsync(runId, getInputsAndOutputs: true))!;
        return (Encoding.UTF8.GetByteCount(meta.SerializedInput!), Encoding.UTF8.GetByteCount(meta.SerializedOutput!),
            Encoding.UTF8.GetByteCount(meta.SerializedCustomStatus!));
    }

    // 50 good rows in batches of 20: 3 batches, 2 per generation, so the run continues as new once, carrying its state
    private static readonly RunOptions BadRowOptions = Options with { BatchesPerGeneration = 2 };

    /// <summary>
    /// The CSV's bad rows are a file of the run (<c>row_problems.csv</c> names each one); the input (continue-as-new state),
    /// output and custom status carry their count; the summary, report and CLI list the first few and point at the file.
    /// </summary>
    [Fact]
    public async Task Bad_rows_are_a_file_of_the_run_and_messages_carry_only_their_count()
    {
        await using var server = new TestHttpServer();
        var few = await RunWithBadRowsAsync(server, bad: 20);
        var many = await RunWithBadRowsAsync(server, bad: 2000);

        Assert.Equal(2000, many.Outcome.SkippedRows);
        Assert.Equal(50, many.Outcome.RowsRead);
        // all three sizes checked together, so a failure names every message that grew (the counts differ by a few digits)
        var grown = new[] { ("input", few.InputBytes, many.InputBytes), ("output", few.OutputBytes, many.OutputBytes), ("custom status", few.StatusBytes, many.StatusBytes) }
            .Where(m => Math.Abs(m.Item3 - m.Item2) > 16).Select(m => $"{m.Item1}: {m.Item2} bytes at 20 bad rows, {m.Item3} at 2,000");
        Assert.Empty(grown);

        // each bad row by its line and video id: the good rows are every 41st data row (indexes 0, 41, 82, ...)
        var expected = BadIndexes(2000).Select(i => $"{i + 2},video({i}),").ToList();
        Assert.Equal(string.Join(',', ResultCsvWriter.RowProblemsHeader), many.Problems[0]);
        Assert.Equal(expected, many.Problems[1..].Select(l => string.Join(',', l.Split(',').Take(2)) + ","));
        Assert.All(many.Problems[1..], l => Assert.Contains("Performance", l, StringComparison.Ordinal));

        using var summary = JsonDocument.Parse(many.Summary);
        Assert.Equal(2000, summary.RootElement.GetProperty("skippedRows").GetInt32());
        Assert.Equal(RowProblemsCsv.Shown, summary.RootElement.GetProperty("skipped").GetArrayLength());
        Assert.Equal(3, summary.RootElement.GetProperty("skipped")[0].GetProperty("lineNumber").GetInt32());

        Assert.Contains($"and {2000 - RowProblemsCsv.Shown} more in row_problems.csv", many.Report, StringComparison.Ordinal);
        Assert.Contains("video(1)", many.Report, StringComparison.Ordinal);
        Assert.DoesNotContain(">video(100)<", many.Report, StringComparison.Ordinal);

        var cli = many.Cli.Split('\n');
        Assert.Contains("  rows skipped:     2000", cli);
        Assert.Equal(RowProblemsCsv.Shown, cli.Count(l => l.StartsWith("    line ", StringComparison.Ordinal)));
        Assert.Contains(cli, l => l.StartsWith($"    and {2000 - RowProblemsCsv.Shown} more in ", StringComparison.Ordinal) && l.EndsWith("row_problems.csv", StringComparison.Ordinal));
        Assert.DoesNotContain(few.Cli.Split('\n'), l => l.Contains(" more in ", StringComparison.Ordinal));
    }

    /// <summary>Data-row indexes of the bad rows when <paramref name="bad"/> of them surround 50 good rows.</summary>
    private static IEnumerable<int> BadIndexes(int bad) => Enumerable.Range(0, bad + 50).Where(i => !IsGood(i, bad));

    private static bool IsGood(int index, int bad) => index % (bad / 50 + 1) == 0 && index / (bad / 50 + 1) < 50;

    private static async Task<(RunOutcome Outcome, int InputBytes, int OutputBytes, int StatusBytes, string[] Problems, string Summary, string Report, string Cli)>
        RunWithBadRowsAsync(TestHttpServer server, int bad)
    {
        using var run = new TestRun();
        var csv = new StringBuilder("Performance,Video URL\n");
        for (var i = 0; i < bad + 50; i++)
        {
            var url = server.UriFor($"/gone{bad}-{i}.mp4");
            csv.Append(IsGood(i, bad) ? FormattableString.Invariant($"0.{i % 10},{url}\n") : FormattableString.Invariant($"abc{i},{url}\n"));
        }
        int input = 0, output = 0, status = 0;
        var cli = new StringWriter();
        var outcome = await run.RunAsync(csv.ToString(), BadRowOptions, async (client, o) =>
        {
            (input, output, status) = await MessageBytesAsync(client, o.RunId);
            await SummaryPrinter.PrintAsync(cli, o, run.Storage.Store, run.Storage.Ledger, run.Storage.VideosOptions);
        });
        Assert.Equal(50, outcome.Failed);
        Assert.Equal(2, run.History!.For(outcome.RunId)!.Executions);
        return (outcome, input, output, status, await File.ReadAllLinesAsync(run.Result(ResultFiles.RowProblems)),
            await File.ReadAllTextAsync(run.Result(ResultFiles.Summary)), await File.ReadAllTextAsync(run.Result(ResultFiles.Report)), cli.ToString());
    }
}
