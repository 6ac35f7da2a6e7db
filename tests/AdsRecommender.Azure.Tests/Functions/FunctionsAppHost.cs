using AdsRecommender.Functions;
using AdsRecommender.Testing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdsRecommender.Azure.Tests.Functions;

/// <summary>
/// The Functions app's service provider built as Program.cs builds it (the worker's builder, <see cref="AppServices"/>),
/// with settings on the fixture's Azurite and the repository's models; not started, so no Functions host is needed.
/// </summary>
internal sealed class FunctionsAppHost : IDisposable
{
    private readonly IHost _host;

    public FunctionsAppHost(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AdsRecommender:ModelsDirectory"] = SharedData.Models,
            ["AdsRecommender:MaxParallelAnalyses"] = "1",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddFunctionsApp(builder.Configuration);
        replace?.Invoke(builder.Services);
        _host = builder.Build();
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>A function class as the worker makes it: constructed from the app's services.</summary>
    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(_host.Services);

    /// <summary>A <see cref="Microsoft.Azure.Functions.Worker.FunctionContext"/> whose services are the app's (what activity wrappers read).</summary>
    public TestFunctionContext Context() => new() { InstanceServices = _host.Services };

    public void Dispose() => _host.Dispose();
}
