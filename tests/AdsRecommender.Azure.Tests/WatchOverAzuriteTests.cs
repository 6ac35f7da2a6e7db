using System.Text;
using AdsRecommender.Cli;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Vectors;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Testing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AdsRecommender.Azure.Tests;

/// <summary>
/// End to end against Azurite: a CSV uploaded to container <c>input</c> with the Azure CLI is picked up by
/// <c>adsrec watch --storage</c> (the CLI's in-process orchestration over <see cref="BlobRunStore"/> and
/// <see cref="TableRunLedger"/>), with real clips served on 127.0.0.1 and the real face models.
/// Its own Azurite (class fixture): the watcher runs every CSV in <c>input</c>, so other tests' blobs must not be there.
/// </summary>
public sealed class WatchOverAzuriteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_csv_uploaded_with_the_azure_cli_becomes_a_run_with_results_vectors_and_ledger_rows()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        var csv = Encoding.UTF8.GetBytes(
            "Performance,Video URL\n" +
            $"0.5,{server.UriFor("/jolie_a.mp4")}\n" +
            $"0.7,{server.UriFor("/jolie_b.mp4")}\n" +
            $"0.2,{server.UriFor("/biden.mp4")}\n");
        var csvName = $"ads-{Guid.NewGuid():N}"[..12] + ".csv";
        var file = Path.Combine(Directory.CreateTempSubdirectory("adsrec-watch-").FullName, csvName);
        await File.WriteAllBytesAsync(file, csv);

        await AzCliAsync("storage", "container", "create", "--name", "input", "--connection-string", azurite.ConnectionString);
        await AzCliAsync("storage", "blob", "upload", "--container-name", "input", "--name", csvName, "--file", file,
            "--connection-string", azurite.ConnectionString, "--overwrite");

        var (code, output) = await WatchOnceAsync();
        Assert.True(code == CliApp.Ok, output);

        var runId = RunIds.For(csvName, RunIds.Sha256Hex(csv));
        Assert.Contains(runId, output);

        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var results = await Names(blobs, RunAreas.Results, runId);
        Assert.Contains(ResultFiles.Pairs, results);
        Assert.Contains(ResultFiles.Groups, results);
        var embeddings = await Names(blobs, RunAreas.Embeddings, runId);
        foreach (var video in new[] { "video(0)", "video(1)", "video(2)" })
            Assert.Contains(VideoArtefacts.PrimaryName(video), embeddings);

        var store = TestStorage.Store(azurite);
        await using (var npy = await store.OpenReadAsync(runId, RunAreas.Embeddings, VideoArtefacts.PrimaryName("video(0)")))
        {
            var copy = new MemoryStream();
            await npy.CopyToAsync(copy);
            copy.Position = 0;
            var vector = Npy.Read(copy);
            Assert.Equal(128, vector.Data.Length);
            Assert.InRange(Math.Sqrt(vector.Data.Sum(x => (double)x * x)), 0.99, 1.01);
        }
        var pairs = await TestStorage.ReadTextAsync(await store.OpenReadAsync(runId, RunAreas.Results, ResultFiles.Pairs));
        Assert.Contains(pairs.Split('\n'), line => line.Contains("video(0)") && line.Contains("video(1)"));
        Assert.DoesNotContain(pairs.Split('\n'), line => line.Contains("video(2)"));

        var ledger = TestStorage.Ledger(azurite);
        var run = await ledger.GetRunAsync(runId);
        Assert.NotNull(run);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(csvName, run.CsvName);
        var videos = await ledger.GetVideosAsync(runId);
        Assert.Equal(3, videos.Count);
        Assert.All(videos, v => Assert.Equal(VideoStatus.Embedded, v.Status));
        Assert.All(videos, v => Assert.True(v.Timings.TotalMs > 0));

        // The watcher started again sees the run in the ledger and does not repeat it.
        var (again, secondOutput) = await WatchOnceAsync();
        Assert.Equal(CliApp.Ok, again);
        Assert.DoesNotContain("New CSV", secondOutput, StringComparison.Ordinal);
    }

    private Task<(int Code, string Output)> WatchOnceAsync() =>
        InProcessCli.RunAsync("watch", "--storage", azurite.ConnectionString, "--once", "--allow-private-network");

    private static async Task<List<string>> Names(BlobServiceClient blobs, string container, string runId) =>
        await blobs.GetBlobContainerClient(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, runId + "/", CancellationToken.None)
            .Select(b => b.Name[(runId.Length + 1)..]).ToListAsync();

    private static async Task AzCliAsync(params string[] args)
    {
        var result = await ChildProcess.RunAsync("az", args, Deadline.Short,
            new Dictionary<string, string> { ["AZURE_CORE_COLLECT_TELEMETRY"] = "no", ["AZURE_CORE_ONLY_SHOW_ERRORS"] = "true" });
        Assert.True(result.ExitCode == 0, $"az {args[0]} {args[1]} {args[2]} failed ({result.ExitCode}): {result.Output} {result.Error}");
    }
}
