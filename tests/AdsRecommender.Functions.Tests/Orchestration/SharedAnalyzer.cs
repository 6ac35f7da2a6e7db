using AdsRecommender.Core;
using AdsRecommender.Core.Faces;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>One face analyzer (models loaded once) for every in-process test run.</summary>
public static class SharedAnalyzer
{
    private static readonly Lazy<IVideoFaceAnalyzer> Instance = new(() => ServiceCollectionExtensions.CreateAnalyzer(Options()));

    public static IVideoFaceAnalyzer Value => Instance.Value;

    public static AdsRecommenderOptions Options() => new() { ModelsDirectory = SharedData.Models, MaxParallelAnalyses = 2 };
}
