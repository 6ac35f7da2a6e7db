using AdsRecommender.Azure;
using Azure.Storage.Blobs;

namespace AdsRecommender.Cli;

/// <summary><c>--storage &lt;connection string&gt;</c>: Blob containers (input, videos, embeddings, results, thumbnails) and Tables (runs, videos).</summary>
public static class AzureStorage
{
    public static RunStorage Create(string connectionString)
    {
        var options = Options(connectionString);
        return new RunStorage(
            new BlobRunStore(AzureStorageFactory.CreateBlobServiceClient(options)),
            new TableRunLedger(AzureStorageFactory.CreateTableServiceClient(options)),
            AzureStorageFactory.DescribeTarget(options));
    }

    /// <summary>The account <paramref name="accountName"/> reached with <c>DefaultAzureCredential</c> (a managed identity in Azure).</summary>
    public static RunStorage ForIdentity(string accountName)
    {
        var options = new AzureStorageOptions { AccountName = accountName };
        return new RunStorage(
            new BlobRunStore(AzureStorageFactory.CreateBlobServiceClient(options)),
            new TableRunLedger(AzureStorageFactory.CreateTableServiceClient(options)),
            AzureStorageFactory.DescribeTarget(options) + " (managed identity)");
    }

    public static BlobServiceClient Blobs(string connectionString) => AzureStorageFactory.CreateBlobServiceClient(Options(connectionString));

    private static AzureStorageOptions Options(string connectionString)
    {
        var options = new AzureStorageOptions { ConnectionString = connectionString };
        try
        {
            options.Validate();
            return options;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new UsageException($"--storage: {ex.Message}");
        }
    }
}
