namespace AdsRecommender.Azure;

/// <summary>
/// Where the run store and ledger live in Azure Storage. Either <see cref="ConnectionString"/>
/// (Azurite: <c>UseDevelopmentStorage=true</c>, or an explicit connection string) or an account
/// (<see cref="AccountName"/> or explicit service URIs) reached with <c>DefaultAzureCredential</c> (managed identity).
/// Bound from the <c>AdsRecommender:Storage</c> configuration section.
/// </summary>
public sealed class AzureStorageOptions
{
    public const string Section = "AdsRecommender:Storage";

    /// <summary>A storage connection string. Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Account name for identity-based access: <c>https://{name}.blob.core.windows.net</c> and <c>.table.</c>.</summary>
    public string? AccountName { get; set; }

    public Uri? BlobServiceUri { get; set; }
    public Uri? TableServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity (optional; system-assigned or developer credentials otherwise).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Retries for transient failures (HTTP 408/429/500/502/503/504, socket errors), exponential back-off.</summary>
    public int MaxRetries { get; set; } = 5;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(800);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Time for one storage request (not read from configuration, so a constant).</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(100);

    public bool HasConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public bool IsConfigured =>
        HasConnectionString || !string.IsNullOrWhiteSpace(AccountName) || BlobServiceUri is not null;

    /// <summary>Throws with a message naming the missing setting (never the secret values).</summary>
    public void Validate()
    {
        if (!IsConfigured)
            throw new InvalidOperationException(
                $"Azure Storage is not configured: set {Section}:ConnectionString, {Section}:AccountName or {Section}:BlobServiceUri " +
                "(or AzureWebJobsStorage / AzureWebJobsStorage__accountName in the Functions app).");
        if (MaxRetries < 0) throw new InvalidOperationException($"{Section}:MaxRetries must be >= 0.");
        if (RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay)
            throw new InvalidOperationException($"{Section}:RetryDelay must be > 0 and <= MaxRetryDelay.");
    }
}
