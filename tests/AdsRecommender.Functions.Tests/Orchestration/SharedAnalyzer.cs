using AdsRecommender.Cli;
using AdsRecommender.Core;
using AdsRecommender.Core.Faces;
using AdsRecommender.Testing;
using Microsoft.Extensions.Configuration;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>One face analyzer (models loaded once) for every in-process test run.</summary>
public static class SharedAnalyzer
{
    private static readonly Lazy<IVideoFaceAnalyzer> Instance = new(() => ServiceCollectionExtensions.CreateAnalyzer(CliContext.Options(Configuration())));

    public static IVideoFaceAnalyzer Value => Instance.Value;

    /// <summary>The test runs' settings as configuration (the one way a host gets them): shared models, two analyses; <paramref name="more"/> added.</summary>
    public static IConfiguration Configuration(params (string Key, string Value)[] more) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AdsRecommender:ModelsDirectory"] = SharedData.Models,
            ["AdsRecommender:MaxParallelAnalyses"] = "2",
        })
        .AddInMemoryCollection(more.Select(m => KeyValuePair.Create($"AdsRecommender:{m.Key}", (string?)m.Value)))
        .Build();
}
