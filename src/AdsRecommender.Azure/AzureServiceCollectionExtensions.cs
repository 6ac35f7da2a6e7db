using AdsRecommender.Core.Storage;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Azure;

public static class AzureServiceCollectionExtensions
{
    /// <summary>Registers <see cref="BlobRunStore"/> as <see cref="IRunStore"/> and <see cref="TableRunLedger"/> as <see cref="IRunLedger"/>.</summary>
    public static IServiceCollection AddAzureRunStorage(this IServiceCollection services, AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton(_ => AzureStorageFactory.CreateBlobServiceClient(options));
        services.TryAddSingleton(_ => AzureStorageFactory.CreateTableServiceClient(options));
        services.TryAddSingleton<IRunStore>(sp =>
            new BlobRunStore(sp.GetRequiredService<BlobServiceClient>(), sp.GetService<ILogger<BlobRunStore>>()));
        services.TryAddSingleton<IRunLedger>(sp =>
            new TableRunLedger(sp.GetRequiredService<TableServiceClient>(), sp.GetService<ILogger<TableRunLedger>>()));
        return services;
    }
}
