using AdsRecommender.Core.Storage;
using AdsRecommender.Testing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AdsRecommender.Azure.Tests;

[Collection(AzuriteFixtureCollection.Name)]
public sealed class BlobRunStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Written_artefacts_are_read_back_and_found()
    {
        var store = TestStorage.Store(azurite);
        var run = TestStorage.NewRunId();
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();

        await store.WriteAsync(run, RunAreas.Embeddings, "video(1).npy", new MemoryStream(bytes));
        await store.WriteAsync(run, RunAreas.Embeddings, "video(0).npy", TestStorage.Bytes("zero"));
        await store.WriteAsync(TestStorage.NewRunId(), RunAreas.Embeddings, "video(9).npy", TestStorage.Bytes("other run"));

        Assert.True(await store.ExistsAsync(run, RunAreas.Embeddings, "video(1).npy"));
        Assert.False(await store.ExistsAsync(run, RunAreas.Embeddings, "video(2).npy"));
        Assert.False(await store.ExistsAsync(run, RunAreas.Results, "video(1).npy"));

        await using (var read = await store.OpenReadAsync(run, RunAreas.Embeddings, "video(1).npy"))
        {
            var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(RunAreas.Embeddings);
        var names = await container.GetBlobsAsync(BlobTraits.None, BlobStates.None, run + "/", default).Select(b => b.Name[(run.Length + 1)..]).ToListAsync();
        Assert.Equal(["video(0).npy", "video(1).npy"], names);
    }

    [Fact]
    public async Task Artefacts_live_in_one_container_per_area_under_the_run_id()
    {
        var store = TestStorage.Store(azurite);
        var run = TestStorage.NewRunId();
        await store.WriteAsync(run, RunAreas.Results, "grouped_results.csv", TestStorage.Bytes("Group,Videos\n"));

        var service = new BlobServiceClient(azurite.ConnectionString);
        var blob = service.GetBlobContainerClient("results").GetBlobClient($"{run}/grouped_results.csv");
        Assert.True((await blob.ExistsAsync()).Value);
        Assert.Equal("text/csv; charset=utf-8", (await blob.GetPropertiesAsync()).Value.ContentType);
        Assert.Equal(blob.Uri.ToString(), store.Describe(run, RunAreas.Results, "grouped_results.csv"));
    }

    [Fact]
    public async Task Input_blobs_are_named_as_given_and_visible_to_every_run()
    {
        var store = TestStorage.Store(azurite);
        var csv = $"ads-{Guid.NewGuid():N}.csv";
        await store.WriteAsync(TestStorage.NewRunId(), RunAreas.Input, csv, TestStorage.Bytes("Performance,Video URL\n"));

        var service = new BlobServiceClient(azurite.ConnectionString);
        Assert.True((await service.GetBlobContainerClient("input").GetBlobClient(csv).ExistsAsync()).Value);
        var otherRun = TestStorage.NewRunId();
        Assert.Equal("Performance,Video URL\n", await TestStorage.ReadTextAsync(await store.OpenReadAsync(otherRun, RunAreas.Input, csv)));
        Assert.True(await store.ExistsAsync(otherRun, RunAreas.Input, csv));
    }

    [Fact]
    public async Task Overwriting_replaces_the_content()
    {
        var store = TestStorage.Store(azurite);
        var run = TestStorage.NewRunId();
        await store.WriteAsync(run, RunAreas.Results, "run_summary.json", TestStorage.Bytes("{\"v\":1}"));
        await store.WriteAsync(run, RunAreas.Results, "run_summary.json", TestStorage.Bytes("{\"v\":2}"));
        Assert.Equal("{\"v\":2}", await TestStorage.ReadTextAsync(await store.OpenReadAsync(run, RunAreas.Results, "run_summary.json")));
    }

    [Theory]
    [InlineData("../escape.csv")]
    [InlineData("..")]
    [InlineData("a/b.npy")]
    [InlineData("a\\b.npy")]
    [InlineData(".hidden")]
    [InlineData("%2e%2e%2fx")]
    [InlineData("")]
    public async Task Names_that_could_escape_the_run_are_rejected_before_any_request(string name)
    {
        var store = TestStorage.Store(azurite);
        var run = TestStorage.NewRunId();
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(run, RunAreas.Videos, name, TestStorage.Bytes("x")));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(run, RunAreas.Input, name, TestStorage.Bytes("x")));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ExistsAsync(run, RunAreas.Videos, name));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(run, RunAreas.Videos, name));
    }

    [Theory]
    [InlineData("../other")]
    [InlineData("a/b")]
    public async Task Run_ids_that_could_escape_are_rejected(string runId)
    {
        var store = TestStorage.Store(azurite);
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(runId, RunAreas.Results, "x.csv", TestStorage.Bytes("x")));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ExistsAsync(runId, RunAreas.Results, "x.csv"));
    }

    [Fact]
    public async Task Unknown_areas_are_rejected()
    {
        var store = TestStorage.Store(azurite);
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("r1", "$logs", "x.csv", TestStorage.Bytes("x")));
    }

    [Fact]
    public async Task Reading_a_missing_artefact_throws_FileNotFound_naming_it()
    {
        var store = TestStorage.Store(azurite);
        var run = TestStorage.NewRunId();
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(run, RunAreas.Embeddings, "video(5).npy"));
        Assert.Contains($"embeddings/{run}/video(5).npy", e.Message);
    }

    [Fact]
    public async Task EnsureContainers_creates_every_area_container()
    {
        await TestStorage.Store(azurite).EnsureContainersAsync();
        var service = new BlobServiceClient(azurite.ConnectionString);
        var containers = await service.GetBlobContainersAsync().Select(c => c.Name).ToListAsync();
        Assert.Superset(new HashSet<string>(RunAreas.All), new HashSet<string>(containers));
    }
}
