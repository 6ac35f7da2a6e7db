using AdsRecommender.Azure;
using AdsRecommender.Core;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdsRecommender.Functions;

/// <summary>
/// The Functions app's services, registered by Program.cs on the worker's builder; tests build the same provider from it
/// (one registration, so a test of a function runs what the deployed app resolves).
/// </summary>
public static class AppServices
{
    public static IServiceCollection AddFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        // The pipeline's services (AddAdsRecommenderCore, section "AdsRecommender"), Blob/Table storage for run artefacts
        // and the ledger (section "AdsRecommender:Storage", else the host's AzureWebJobsStorage, connection string or
        // identity-based); the [Function] classes are thin wrappers over the shared orchestrators and activities (Core.Workflows).
        services.AddAdsRecommenderCore();
        services.AddAzureRunStorage(AzureStorageConfiguration.Read(configuration));
        // Fail at start, not per video: the self-test runs once at start (logged) and behind GET /api/health.
        services.AddSingleton(sp => new HealthReporter(sp.GetRequiredService<IVideoFaceAnalyzer>, sp.GetRequiredService<IRunStore>()));
        services.AddHostedService<StartupSelfTest>();
        return services;
    }
}
