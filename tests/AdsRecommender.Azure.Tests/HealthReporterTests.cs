using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Health;
using AdsRecommender.Testing;

namespace AdsRecommender.Azure.Tests;

/// <summary>What GET /api/health answers, over real models and a real Azurite (and a port nobody listens on).</summary>
[Collection(AzuriteFixtureCollection.Name)]
public sealed class HealthReporterTests(AzuriteFixture azurite)
{
    private static readonly Lazy<VideoFaceAnalyzer> Analyzer =
        new(() => new VideoFaceAnalyzer(new FaceModelOptions().WithModelsDirectory(SharedData.Models), new FaceSamplingOptions()));

    [Fact]
    public async Task A_complete_deployment_is_healthy_with_every_check_and_the_version()
    {
        var report = await new HealthReporter(() => Analyzer.Value, TestStorage.Store(azurite)).ReportAsync();

        Assert.True(report.Healthy, report.Reason);
        Assert.Null(report.Reason);
        Assert.Equal(
            [EnvironmentSelfTest.OpenCv, EnvironmentSelfTest.OnnxRuntime, EnvironmentSelfTest.Models, EnvironmentSelfTest.Decoder, HealthReporter.Storage],
            report.Checks.Select(c => c.Name));
        Assert.Matches(@"^\d+\.\d+\.\d+", report.Version);
    }

    [Fact]
    public async Task Unreachable_storage_makes_it_unhealthy_with_the_reason()
    {
        var closed = azurite.ConnectionString.Replace($":{azurite.BlobPort}/", ":1/", StringComparison.Ordinal);
        var store = new BlobRunStore(AzureStorageFactory.CreateBlobServiceClient(new AzureStorageOptions { ConnectionString = closed, MaxRetries = 0 }));

        var report = await new HealthReporter(() => Analyzer.Value, store).ReportAsync();

        Assert.False(report.Healthy);
        var storage = Assert.Single(report.Checks, c => !c.Ok);
        Assert.Equal(HealthReporter.Storage, storage.Name);
        Assert.StartsWith("storage: run storage not reachable: ", report.Reason);
        Assert.Contains("Storage Blob/Table Data Contributor", report.Reason);
    }

    [Fact]
    public async Task Missing_models_make_it_unhealthy_naming_the_file()
    {
        var empty = Directory.CreateTempSubdirectory("adsrec-health-").FullName;
        try
        {
            var report = await new HealthReporter(
                () => new VideoFaceAnalyzer(new FaceModelOptions().WithModelsDirectory(empty), new FaceSamplingOptions()),
                TestStorage.Store(azurite)).ReportAsync();

            Assert.False(report.Healthy);
            Assert.Equal(EnvironmentSelfTest.Models, Assert.Single(report.Checks, c => !c.Ok).Name);
            Assert.Contains("face_detection_yunet.onnx is missing", report.Reason);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
