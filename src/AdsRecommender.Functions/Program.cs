using AdsRecommender.Azure;
using AdsRecommender.Core;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Storage;
using AdsRecommender.Functions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Functions app is a shell: the pipeline's services (AddAdsRecommenderCore, section "AdsRecommender"),
// Blob/Table storage for run artefacts and the ledger (section "AdsRecommender:Storage", else the host's
// AzureWebJobsStorage, connection string or identity-based), and thin [Function] wrappers over the shared
// orchestrators and activities in AdsRecommender.Core.Pipeline.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddAdsRecommenderCore();
builder.Services.AddAzureRunStorage(AzureStorageConfiguration.Read(builder.Configuration));
// Fail at start, not per video: the self-test runs once at start (logged) and behind GET /api/health.
builder.Services.AddSingleton(sp => new HealthReporter(sp.GetRequiredService<IVideoFaceAnalyzer>, sp.GetRequiredService<IRunStore>()));
builder.Services.AddHostedService<StartupSelfTest>();
builder.Build().Run();
