using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Models;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdsRecommender.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AdsRecommenderOptions"/> from the host's configuration section <c>AdsRecommender</c>, once, validated
    /// when the host starts (a bad setting fails start-up, named). The CLI's flags reach it as configuration overrides.
    /// </summary>
    public static IServiceCollection AddAdsRecommenderOptions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AdsRecommenderOptions>()
            .BindConfiguration(AdsRecommenderOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdsRecommenderOptions>, AdsRecommenderOptionsValidation>());
        return services;
    }

    /// <summary>
    /// Registers the pipeline's services (options from section <c>AdsRecommender</c>, downloader, face analyzer, the plain
    /// <see cref="VideoProcessor"/>, <see cref="AdsReader"/>, <see cref="RunGrouper"/>). The host registers
    /// <c>IRunStore</c> and <c>IRunLedger</c> (local folders for the CLI, Blob/Table in Azure).
    /// Uses TryAdd, so anything registered before this call wins (tests swap in their own parts that way).
    /// </summary>
    public static IServiceCollection AddAdsRecommenderCore(this IServiceCollection services)
    {
        services.AddAdsRecommenderOptions();
        services.AddRunStores();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AdsRecommenderOptions>>().Value;
            return new DownloadOptions { MaxBytes = options.MaxDownloadBytes, Timeout = options.DownloadTimeout };
        });
        services.TryAddSingleton<IDownloaderFactory>(sp =>
            new DownloaderFactory(sp.GetRequiredService<DownloadOptions>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IVideoFaceAnalyzer>(sp =>
            CreateAnalyzer(sp.GetRequiredService<IOptions<AdsRecommenderOptions>>().Value, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<VideoProcessor>();
        services.TryAddSingleton<IVideoProcessing>(sp => sp.GetRequiredService<VideoProcessor>());
        services.TryAddSingleton<AdsReader>();
        services.TryAddSingleton<RunGrouper>();
        services.TryAddSingleton<SimilarityTiles>();
        services.TryAddSingleton<SimilarityTileGate>();
        services.TryAddSingleton<DuplicateCopier>();
        return services;
    }

    /// <summary>
    /// Registers the stores that own a run's layout over the host's <c>IRunStore</c>, each for its own files:
    /// <see cref="VideoArtefacts"/> (a video's file, vectors, thumbnails, faces.json), <see cref="PackedBatches"/> (vectors
    /// packed per batch), <see cref="SimilarityShardStore"/> (the sharded similarity path) and <see cref="ResultStore"/>.
    /// </summary>
    public static IServiceCollection AddRunStores(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<VideoArtefacts>();
        services.TryAddSingleton<PackedBatches>();
        services.TryAddSingleton<SimilarityShardStore>();
        services.TryAddSingleton<ResultStore>();
        return services;
    }

    /// <summary>The face model settings of <paramref name="options"/> with the models folder found (<see cref="AdsRecommenderOptions.ModelsDirectory"/>, or the default lookup).</summary>
    public static FaceModelOptions ResolveModels(AdsRecommenderOptions options) =>
        options.Faces.WithModelsDirectory(ModelCatalog.FindModelsDirectory(options.ModelsDirectory, options.Faces.DetectorFile));

    /// <summary>The face analyzer for <paramref name="options"/>: models verified (one clear error if missing or corrupt).</summary>
    public static VideoFaceAnalyzer CreateAnalyzer(AdsRecommenderOptions options, ILoggerFactory? loggerFactory = null)
    {
        var modelOptions = ResolveModels(options);
        var logger = loggerFactory?.CreateLogger<VideoFaceAnalyzer>();
        if (modelOptions.RecognizerFile != new FaceModelOptions().RecognizerFile && options.Threshold.Kind == ThresholdKind.Default)
            logger?.LogWarning("Recogniser {Recognizer} is not the one the default threshold {Threshold} was chosen for; pass a threshold or 'auto', or get one with 'adsrec calibrate <photo folder>' (docs/CALIBRATION.md)",
                modelOptions.RecognizerFile, Thresholds.DefaultCosine);
        return new VideoFaceAnalyzer(modelOptions, options.Sampling.Copy(), logger);
    }
}
