using AdsRecommender.Core.Vectors;
using AdsRecommender.Functions.Tests.Orchestration;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary>Another recogniser and detector engine chosen by configuration (environment variables) alone.</summary>
public sealed class ModelConfigurationTests
{
    private static readonly Dictionary<string, string> Recognizer512 = new()
    {
        ["AdsRecommender__Faces__RecognizerFile"] = "face_recognition_mobilefacenet_512.onnx",
        ["AdsRecommender__Faces__EmbeddingSize"] = "512",
        ["AdsRecommender__Faces__RecognizerInputName"] = "input",
        ["AdsRecommender__Faces__RecognizerMean"] = "127",
        ["AdsRecommender__Faces__RecognizerScale"] = "0.0078125",
        ["AdsRecommender__Faces__MaxBatch"] = "1",
        ["AdsRecommender__Faces__DetectorRuntime"] = "OpenCv",
    };

    [Fact]
    public async Task The_512_d_recogniser_and_the_OpenCV_detector_are_a_configuration_change()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        using var run = new TestRun();
        var csv = Path.Combine(run.OutDir, "ads.csv");
        await File.WriteAllTextAsync(csv, TestRun.Csv((0.7, server.UriFor("/jolie_a.mp4")), (0.5, server.UriFor("/jolie_b.mp4"))));
        var outDir = Path.Combine(run.OutDir, "out");

        var (code, output, error) = await CliProcess.RunAsync(Recognizer512, "run", csv, "--out", outDir, "--allow-private-network", "--threshold", "0.5");

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        foreach (var id in new[] { "video(0)", "video(1)" })
        {
            var vector = Npy.Read(await File.ReadAllBytesAsync(Path.Combine(outDir, "embeddings", $"{id}.npy")));
            Assert.Equal([512], vector.Shape);
        }
    }

    [Fact]
    public async Task The_default_threshold_with_another_recogniser_is_warned_about()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        using var run = new TestRun();
        var csv = Path.Combine(run.OutDir, "ads.csv");
        await File.WriteAllTextAsync(csv, TestRun.Csv((0.7, server.UriFor("/biden.mp4"))));

        var (code, _, error) = await CliProcess.RunAsync(Recognizer512, "run", csv, "--out", Path.Combine(run.OutDir, "out"), "--allow-private-network");

        Assert.Equal(0, code);
        Assert.Contains("face_recognition_mobilefacenet_512.onnx is not the one the default threshold 0.4 was chosen for", error);
    }

    [Theory]
    [InlineData("AdsRecommender__Faces__EmbeddingSize", "3", "FaceModelOptions.EmbeddingSize = 3 is invalid")]
    [InlineData("AdsRecommender__Faces__DetectorRuntime", "Gpu", "DetectorRuntime")]
    [InlineData("AdsRecommender__Sampling__MaxFrames", "0", "FaceSamplingOptions.MaxFrames = 0 is invalid")]
    public async Task A_bad_setting_is_a_usage_error_naming_it(string name, string value, string expected)
    {
        using var run = new TestRun();
        var csv = Path.Combine(run.OutDir, "ads.csv");
        await File.WriteAllTextAsync(csv, "Performance,Video URL\n0.5,https://example.com/a.mp4\n");

        var (code, _, error) = await CliProcess.RunAsync(new Dictionary<string, string> { [name] = value }, "run", csv, "--out", Path.Combine(run.OutDir, "out"));

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }
}
