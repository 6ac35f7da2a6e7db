using AdsRecommender.Testing;
using Azure.Core;

namespace AdsRecommender.Azure.Tests;

/// <summary>Clients for the fixture's Azurite, built the way the app builds them (through <see cref="AzureStorageFactory"/>).</summary>
internal static class TestStorage
{
    public static AzureStorageOptions Options(AzuriteFixture azurite, int maxRetries = 5) => new()
    {
        ConnectionString = azurite.ConnectionString,
        MaxRetries = maxRetries,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    public static BlobRunStore Store(AzuriteFixture azurite, Action<ClientOptions>? configure = null, int maxRetries = 5) =>
        new(AzureStorageFactory.CreateBlobServiceClient(Options(azurite, maxRetries), configure));

    public static TableRunLedger Ledger(AzuriteFixture azurite) =>
        new(AzureStorageFactory.CreateTableServiceClient(Options(azurite)));

    public static string NewRunId() => "run-" + Guid.NewGuid().ToString("N")[..12];

    public static MemoryStream Bytes(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    public static async Task<string> ReadTextAsync(Stream s)
    {
        await using (s)
        using (var reader = new StreamReader(s))
            return await reader.ReadToEndAsync();
    }
}
