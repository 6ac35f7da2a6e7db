using AdsRecommender.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Functions app is a shell: its services are AppServices (shared with the tests that call each function).
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddFunctionsApp(builder.Configuration);
builder.Build().Run();
