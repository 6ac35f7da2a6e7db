using AdsRecommender.Core.Results;
using AdsRecommender.Core.Storage;
using AdsRecommender.Functions.Tests.Orchestration;
using AdsRecommender.Testing;
using Azure.Storage.Blobs;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary><c>adsrec watch --storage</c> against Azurite: a CSV dropped into <c>input</c> is run once, with Blob/Table storage.</summary>
public sealed class WatchCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_new_csv_in_the_input_container_is_run_once_and_its_results_land_in_blob_storage()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var input = blobs.GetBlobContainerClient(RunAreas.Input);
        await input.CreateIfNotExistsAsync();
        var name = $"watch-{Guid.NewGuid():N}"[..14] + ".csv";
        await input.GetBlobClient(name).UploadAsync(BinaryData.FromString(TestRun.Csv(
            (0.3, server.UriFor("/aniston_a.mp4")), (0.5, server.UriFor("/aniston_b.mp4")), (0.1, server.UriFor("/nobody.mp4")))));

        var (code, output, error) = await CliProcess.RunAsync("watch", "--storage", azurite.ConnectionString, "--once", "--allow-private-network");

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        var started = output.Split('\n').Single(l => l.StartsWith($"New CSV {name}: run ", StringComparison.Ordinal));
        var runId = started[(started.LastIndexOf(' ') + 1)..].Trim();
        var results = blobs.GetBlobContainerClient(RunAreas.Results);
        var groups = (await results.GetBlobClient($"{runId}/{ResultFiles.Groups}").DownloadContentAsync()).Value.Content.ToString();
        var lines = groups.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("1,video(0);video(1),2,0.4", lines[1]);
        Assert.True((await blobs.GetBlobContainerClient(RunAreas.Embeddings).GetBlobClient($"{runId}/video(0).npy").ExistsAsync()).Value);
        var requests = server.TotalRequests;

        (code, output, error) = await CliProcess.RunAsync("watch", "--storage", azurite.ConnectionString, "--once", "--allow-private-network");

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        Assert.DoesNotContain($"New CSV {name}", output);
        Assert.Equal(requests, server.TotalRequests);
    }
}
