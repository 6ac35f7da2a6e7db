using Microsoft.Extensions.Configuration;

namespace AdsRecommender.Azure;

/// <summary>
/// Reads <see cref="AzureStorageOptions"/> from configuration: section <c>AdsRecommender:Storage</c> first, else the
/// Functions host storage setting <c>AzureWebJobsStorage</c> — a connection string, or identity-based
/// (<c>AzureWebJobsStorage__accountName</c>, <c>__blobServiceUri</c>, <c>__tableServiceUri</c>, <c>__clientId</c>).
/// </summary>
public static class AzureStorageConfiguration
{
    public const string HostStorage = "AzureWebJobsStorage";

    public static AzureStorageOptions Read(IConfiguration configuration)
    {
        var options = new AzureStorageOptions();
        var own = configuration.GetSection(AzureStorageOptions.Section);
        if (own.Exists())
        {
            options.ConnectionString = own["ConnectionString"];
            options.AccountName = own["AccountName"];
            options.BlobServiceUri = UriOrNull(own["BlobServiceUri"]);
            options.TableServiceUri = UriOrNull(own["TableServiceUri"]);
            options.ManagedIdentityClientId = own["ManagedIdentityClientId"];
            if (int.TryParse(own["MaxRetries"], out var retries)) options.MaxRetries = retries;
            if (TimeSpan.TryParse(own["RetryDelay"], out var delay)) options.RetryDelay = delay;
            if (TimeSpan.TryParse(own["MaxRetryDelay"], out var maxDelay)) options.MaxRetryDelay = maxDelay;
        }
        if (options.IsConfigured) return options;

        var host = configuration.GetSection(HostStorage);
        if (!string.IsNullOrWhiteSpace(host.Value))
        {
            options.ConnectionString = host.Value;
            return options;
        }
        options.AccountName = host["accountName"];
        options.BlobServiceUri = UriOrNull(host["blobServiceUri"]);
        options.TableServiceUri = UriOrNull(host["tableServiceUri"]);
        options.ManagedIdentityClientId ??= host["clientId"];
        return options;
    }

    private static Uri? UriOrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : new Uri(text, UriKind.Absolute);
}
