using AdsRecommender.Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace AdsRecommender.Cli;

/// <summary><c>--storage &lt;connection string&gt;</c>: Blob containers (input, videos, embeddings, results, thumbnails) and Tables (runs, videos).</summary>
public static class AzureStorage
{
    public static RunStorage Create(string connectionString)
    {
        BlobServiceClient blobs;
        TableServiceClient tables;
        try
        {
            blobs = new BlobServiceClient(connectionString);
            tables = new TableServiceClient(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new UsageException($"--storage: not a usable storage connection string ({ex.Message})");
        }
        return new RunStorage(new BlobRunStore(blobs), new TableRunLedger(tables), blobs.Uri.ToString());
    }

    public static BlobServiceClient Blobs(string connectionString) => new(connectionString);
}
