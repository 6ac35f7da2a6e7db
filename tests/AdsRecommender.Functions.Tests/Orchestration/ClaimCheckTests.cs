using System.Text;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Testing;
using Microsoft.DurableTask.Client;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>
/// Claim check and bounded history: the run's output and custom status carry counts, not per-video lists, so their size
/// does not grow with the rows; a batched run continues as new, so its history holds a bounded number of batches.
/// Rows are real HTTP requests to 127.0.0.1 that answer 404 (no download, no face stage).
/// </summary>
public sealed class ClaimCheckTests
{
    private static readonly RunOptions Options = new(AllowPrivateNetwork: true, BatchSize: 20, MaxAttempts: 1, BatchesPerGeneration: 5);

    [Fact]
    public async Task Output_and_status_do_not_grow_with_rows_and_the_history_stays_bounded()
    {
        await using var server = new TestHttpServer();
        var small = await RunAsync(server, 50);
        var large = await RunAsync(server, 500);

        Assert.Equal(500, large.Failed);
        Assert.True(Math.Abs(large.OutputBytes - small.OutputBytes) <= 64,
            $"output {small.OutputBytes} bytes at 50 rows, {large.OutputBytes} at 500");
        Assert.True(Math.Abs(large.StatusBytes - small.StatusBytes) <= 16,
            $"custom status {small.StatusBytes} bytes at 50 rows, {large.StatusBytes} at 500");
        // 25 batches, 5 per generation: the parent continued as new 4 times and no execution held more than 5 batches
        Assert.Equal(1, small.History.Executions);
        Assert.Equal(5, large.History.Executions);
        Assert.True(large.History.MaxEvents < 2 * small.History.MaxEvents,
            $"largest parent history: {small.History.MaxEvents} events at 50 rows (3 batches), {large.History.MaxEvents} at 500 (25 batches)");
    }

    private static async Task<(int Failed, int OutputBytes, int StatusBytes, AdsRecommender.Cli.Hosting.HistoryMeter.InstanceHistory History)> RunAsync(
        TestHttpServer server, int rows)
    {
        using var run = new TestRun();
        var csv = TestRun.Csv(Enumerable.Range(0, rows).Select(i => (0.001 * i, server.UriFor($"/gone{rows}-{i}.mp4"))).ToArray());
        int output = 0, status = 0;
        var outcome = await run.RunAsync(csv, Options, async (client, o) =>
        {
            var meta = (await client.GetInstanceAsync(o.RunId, getInputsAndOutputs: true))!;
            output = Encoding.UTF8.GetByteCount(meta.SerializedOutput!);
            status = Encoding.UTF8.GetByteCount(meta.SerializedCustomStatus!);
        });
        Assert.Equal(rows, outcome.Videos.Count);
        return (outcome.Failed, output, status, run.History!.For(outcome.RunId)!);
    }
}
