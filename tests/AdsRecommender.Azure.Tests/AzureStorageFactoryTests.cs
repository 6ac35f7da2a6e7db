using AdsRecommender.Core.Storage;
using AdsRecommender.Testing;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AdsRecommender.Azure.Tests;

[Collection(AzuriteFixtureCollection.Name)]
public sealed class AzureStorageFactoryTests(AzuriteFixture azurite)
{
    [Fact]
    public void Clients_use_exponential_retries_from_the_options()
    {
        var options = new AzureStorageOptions { ConnectionString = "UseDevelopmentStorage=true", MaxRetries = 7 };
        var blob = AzureStorageFactory.BlobOptions(options).Retry;
        var table = AzureStorageFactory.TableOptions(options).Retry;
        Assert.Equal(RetryMode.Exponential, blob.Mode);
        Assert.Equal(7, blob.MaxRetries);
        Assert.Equal(RetryMode.Exponential, table.Mode);
        Assert.Equal(7, table.MaxRetries);
        Assert.Equal(5, new AzureStorageOptions().MaxRetries);
    }

    [Fact]
    public async Task Transient_server_busy_answers_are_retried_until_the_write_succeeds()
    {
        var flaky = new FlakyHandler(failures: 3);
        var store = TestStorage.Store(azurite, o => o.Transport = new HttpClientTransport(new HttpClient(flaky)));
        var run = TestStorage.NewRunId();

        await store.WriteAsync(run, RunAreas.Results, "grouped_results.csv", TestStorage.Bytes("Group\n"));

        Assert.True(flaky.Requests > 3);
        Assert.True(await TestStorage.Store(azurite).ExistsAsync(run, RunAreas.Results, "grouped_results.csv"));
    }

    [Fact]
    public async Task Without_retries_the_same_failure_surfaces_as_503()
    {
        var flaky = new FlakyHandler(failures: 1);
        var store = TestStorage.Store(azurite, o => o.Transport = new HttpClientTransport(new HttpClient(flaky)), maxRetries: 0);
        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => store.WriteAsync(TestStorage.NewRunId(), RunAreas.Results, "x.csv", TestStorage.Bytes("x")));
        Assert.Equal(503, e.Status);
    }

    [Fact]
    public void Describing_the_target_never_shows_the_account_key()
    {
        var text = AzureStorageFactory.DescribeTarget(TestStorage.Options(azurite));
        Assert.DoesNotContain(AzuriteFixture.AccountKey, text);
        Assert.DoesNotContain("AccountKey", text);
        Assert.Equal(azurite.BlobEndpoint, text);
        Assert.Equal("https://acct1.blob.core.windows.net/", AzureStorageFactory.DescribeTarget(new AzureStorageOptions { AccountName = "acct1" }));
    }

    [Fact]
    public void Missing_configuration_is_reported_by_setting_name()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AzureStorageFactory.CreateBlobServiceClient(new AzureStorageOptions()));
        Assert.Contains("AdsRecommender:Storage:ConnectionString", e.Message);
    }
}
