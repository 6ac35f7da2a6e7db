namespace AdsRecommender.Cli;

/// <summary>Local folder by default; Blob + Table Storage with <c>--storage &lt;connection string&gt;</c>.</summary>
public static class StorageFactory
{
    public static RunStorage Create(string? connectionString, string? outDir)
    {
        if (connectionString is not null)
            return AzureStorage.Create(connectionString);
        if (outDir is null) throw new UsageException("--out <dir> is required (or --storage <connection string>)");
        return RunStorage.Local(outDir);
    }
}
