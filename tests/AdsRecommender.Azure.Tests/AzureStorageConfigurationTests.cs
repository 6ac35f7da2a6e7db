using Microsoft.Extensions.Configuration;

namespace AdsRecommender.Azure.Tests;

public sealed class AzureStorageConfigurationTests
{
    private static AzureStorageOptions Read(params (string Key, string Value)[] settings) =>
        AzureStorageConfiguration.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void The_host_storage_connection_string_is_used_when_nothing_else_is_set()
    {
        var o = Read(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));
        Assert.Equal("UseDevelopmentStorage=true", o.ConnectionString);
    }

    [Fact]
    public void Identity_based_host_storage_settings_select_an_account_and_a_client_id()
    {
        var o = Read(("AzureWebJobsStorage:accountName", "adsrecst1"), ("AzureWebJobsStorage:clientId", "1111-2222"));
        Assert.Null(o.ConnectionString);
        Assert.Equal("adsrecst1", o.AccountName);
        Assert.Equal("1111-2222", o.ManagedIdentityClientId);
        Assert.Equal("https://adsrecst1.blob.core.windows.net/", AzureStorageFactory.DescribeTarget(o));
    }

    [Fact]
    public void The_app_section_wins_over_the_host_storage()
    {
        var o = Read(("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
            ("AdsRecommender:Storage:AccountName", "data1"), ("AdsRecommender:Storage:MaxRetries", "9"));
        Assert.Null(o.ConnectionString);
        Assert.Equal("data1", o.AccountName);
        Assert.Equal(9, o.MaxRetries);
    }

    [Fact]
    public void No_storage_settings_fail_validation_naming_the_settings()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read().Validate());
        Assert.Contains("AzureWebJobsStorage", e.Message);
    }
}
