using AdsRecommender.Azure;
using AdsRecommender.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Functions app is a shell: the pipeline's services (AddAdsRecommenderCore, section "AdsRecommender"),
// Blob/Table storage for run artefacts and the ledger (section "AdsRecommender:Storage", else the host's
// AzureWebJobsStorage, connection string or identity-based), and thin [Function] wrappers over the shared
// orchestrators and activities in AdsRecommender.Core.Pipeline.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddAdsRecommenderCore(builder.Configuration);
builder.Services.AddAzureRunStorage(AzureStorageConfiguration.Read(builder.Configuration));
builder.Build().Run();
