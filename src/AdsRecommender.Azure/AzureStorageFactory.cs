using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace AdsRecommender.Azure;

/// <summary>
/// Builds Blob and Table service clients from <see cref="AzureStorageOptions"/>: a connection string (Azurite or explicit)
/// or an account reached with <see cref="DefaultAzureCredential"/>. Retries are set explicitly (exponential back-off).
/// </summary>
public static class AzureStorageFactory
{
    public static BlobServiceClient CreateBlobServiceClient(AzureStorageOptions options, Action<ClientOptions>? configure = null)
    {
        options.Validate();
        var clientOptions = BlobOptions(options);
        configure?.Invoke(clientOptions);
        if (options.HasConnectionString)
            return new BlobServiceClient(options.ConnectionString, clientOptions);
        return new BlobServiceClient(BlobUri(options), Credential(options), clientOptions);
    }

    public static TableServiceClient CreateTableServiceClient(AzureStorageOptions options, Action<ClientOptions>? configure = null)
    {
        options.Validate();
        var clientOptions = TableOptions(options);
        configure?.Invoke(clientOptions);
        if (options.HasConnectionString)
            return new TableServiceClient(options.ConnectionString, clientOptions);
        return new TableServiceClient(TableUri(options), Credential(options), clientOptions);
    }

    public static BlobClientOptions BlobOptions(AzureStorageOptions options)
    {
        var o = new BlobClientOptions();
        ApplyRetry(o.Retry, options);
        return o;
    }

    public static TableClientOptions TableOptions(AzureStorageOptions options)
    {
        var o = new TableClientOptions();
        ApplyRetry(o.Retry, options);
        return o;
    }

    /// <summary>Where the clients will connect, without secrets (for logs and messages).</summary>
    public static string DescribeTarget(AzureStorageOptions options)
    {
        if (!options.HasConnectionString) return BlobUri(options).ToString();
        if (options.ConnectionString!.Trim().StartsWith("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            return "Azurite (UseDevelopmentStorage=true)";
        string? endpoint = null, account = null;
        foreach (var part in options.ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var key = part[..eq];
            if (key.Equals("BlobEndpoint", StringComparison.OrdinalIgnoreCase)) endpoint = part[(eq + 1)..];
            else if (key.Equals("AccountName", StringComparison.OrdinalIgnoreCase)) account = part[(eq + 1)..];
        }
        if (endpoint is not null) return endpoint;
        if (account is not null) return $"account {account}";
        return "storage account (connection string)";
    }

    private static void ApplyRetry(RetryOptions retry, AzureStorageOptions options)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = options.MaxRetries;
        retry.Delay = options.RetryDelay;
        retry.MaxDelay = options.MaxRetryDelay;
        retry.NetworkTimeout = AzureStorageOptions.NetworkTimeout;
    }

    private static Uri BlobUri(AzureStorageOptions o) =>
        o.BlobServiceUri ?? new Uri($"https://{o.AccountName}.blob.core.windows.net");

    private static Uri TableUri(AzureStorageOptions o) =>
        o.TableServiceUri ?? (o.AccountName is { Length: > 0 }
            ? new Uri($"https://{o.AccountName}.table.core.windows.net")
            : throw new InvalidOperationException($"{AzureStorageOptions.Section}:TableServiceUri or AccountName is required for the run ledger."));

    private static DefaultAzureCredential Credential(AzureStorageOptions o) =>
        new(new DefaultAzureCredentialOptions { ManagedIdentityClientId = o.ManagedIdentityClientId });
}
