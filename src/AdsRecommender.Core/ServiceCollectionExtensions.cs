using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Models;
using AdsRecommender.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the pipeline's services (options from section <c>AdsRecommender</c>, downloader, face analyzer, the plain
    /// <see cref="VideoProcessor"/>, <see cref="AdsReader"/>, <see cref="RunGrouper"/>). The host registers
    /// <c>IRunStore</c> and <c>IRunLedger</c> (local folders for the CLI, Blob/Table in Azure).
    /// Uses TryAdd, so anything registered before this call wins (tests swap in their own parts that way).
    /// </summary>
    public static IServiceCollection AddAdsRecommenderCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new AdsRecommenderOptions();
        configuration.GetSection(AdsRecommenderOptions.Section).Bind(options);
        return services.AddAdsRecommenderCore(options);
    }

    public static IServiceCollection AddAdsRecommenderCore(this IServiceCollection services, AdsRecommenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DownloadOptions
        {
            MaxBytes = options.MaxDownloadBytes,
            Timeout = options.DownloadTimeout,
        });
        services.TryAddSingleton<IDownloaderFactory>(sp =>
            new DownloaderFactory(sp.GetRequiredService<DownloadOptions>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IVideoFaceAnalyzer>(sp => CreateAnalyzer(options, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<VideoProcessor>();
        services.TryAddSingleton<AdsReader>();
        services.TryAddSingleton<RunGrouper>();
        return services;
    }

    /// <summary>The face model settings of <paramref name="options"/> with the models folder found (<c>--models</c>, configuration, or the usual places).</summary>
    public static FaceModelOptions ResolveModels(AdsRecommenderOptions options)
    {
        var configured = options.ModelsDirectory ?? (string.IsNullOrWhiteSpace(options.Faces.ModelsDirectory) ? null : options.Faces.ModelsDirectory);
        return options.Faces.WithModelsDirectory(ModelCatalog.FindModelsDirectory(configured, options.Faces.DetectorFile));
    }

    /// <summary>The face analyzer for <paramref name="options"/>: models verified (one clear error if missing or corrupt).</summary>
    public static VideoFaceAnalyzer CreateAnalyzer(AdsRecommenderOptions options, ILoggerFactory? loggerFactory = null)
    {
        var modelOptions = ResolveModels(options);
        var sampling = options.Sampling.Copy();
        if (options.SampleFramesPerSecond is { } fps) sampling.FramesPerSecond = fps;
        var logger = loggerFactory?.CreateLogger<VideoFaceAnalyzer>();
        if (modelOptions.RecognizerFile != new FaceModelOptions().RecognizerFile && options.Threshold == "default")
            logger?.LogWarning("Recogniser {Recognizer} is not the one the default threshold {Threshold} was chosen for; pass a threshold or 'auto', or get one with 'adsrec calibrate <photo folder>' (docs/CALIBRATION.md)",
                modelOptions.RecognizerFile, Thresholds.DefaultCosine);
        return new VideoFaceAnalyzer(modelOptions, sampling, logger);
    }
}
