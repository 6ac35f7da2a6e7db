using AdsRecommender.Cli;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Functions.Tests.Orchestration;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Health;

/// <summary>A machine that cannot analyse videos fails once, at start, with the fix; not once per video after retries.</summary>
public sealed class FailAtStartTests
{
    [Fact]
    public async Task The_cli_exits_2_before_any_download_naming_the_missing_model_and_the_install_command()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        using var run = new TestRun();
        var csv = Path.Combine(run.OutDir, "ads.csv");
        await File.WriteAllTextAsync(csv, TestRun.Csv((0.7, server.UriFor("/jolie_a.mp4")), (0.5, server.UriFor("/jolie_b.mp4"))));
        var empty = Directory.CreateDirectory(Path.Combine(run.OutDir, "no-models")).FullName;

        var (code, output, error) = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["AdsRecommender__ModelsDirectory"] = empty },
            "run", csv, "--out", Path.Combine(run.OutDir, "out"), "--allow-private-network");

        Assert.True(code == 2, $"exit {code}\n{output}\n{error}");
        var message = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("adsrec: this machine cannot analyse videos: models: Model file face_detection_yunet.onnx is missing from", message);
        Assert.Contains("bash models/install.sh", message);
        Assert.Equal(0, server.TotalRequests);
    }

    [Fact]
    public async Task A_run_whose_every_video_failed_for_one_machine_fault_fails_with_that_reason()
    {
        await using var server = new TestHttpServer();
        await TestClips.ServeAllAsync(server);
        using var run = new TestRun();
        var csv = TestRun.Csv((0.7, server.UriFor("/jolie_a.mp4")), (0.5, server.UriFor("/jolie_b.mp4")), (0.2, server.UriFor("/jolie_a.mp4")));

        var failure = await Assert.ThrowsAsync<RunFailedException>(() =>
            run.RunAsync(csv, new RunOptions(AllowPrivateNetwork: true, MaxAttempts: 1), analyzer: new BrokenNativeAnalyzer()));

        Assert.Contains("every video failed for the same reason, a fault of this machine", failure.Message);
        Assert.Contains("libdrm.so.2: cannot open shared object file", failure.Message);
    }

    [Fact]
    public async Task Videos_failing_for_their_own_reasons_still_complete_the_run()
    {
        await using var server = new TestHttpServer();
        using var run = new TestRun();

        var outcome = await run.RunAsync(TestRun.Csv((0.7, server.UriFor("/a.mp4")), (0.5, server.UriFor("/b.mp4"))),
            new RunOptions(AllowPrivateNetwork: true, MaxAttempts: 1));

        Assert.Equal(2, outcome.Failed);
        Assert.All(outcome.Videos, v => Assert.DoesNotContain("environment:", v.Reason));
    }

    /// <summary>What OpenCvSharp does on a machine without libdrm2: the analyzer exists, every decode throws.</summary>
    private sealed class BrokenNativeAnalyzer : IVideoFaceAnalyzer
    {
        public string EmbeddingModelId => "broken";

        public Task<VideoFaces> AnalyzeAsync(string videoPath, CancellationToken ct = default) =>
            throw new TypeInitializationException("OpenCvSharp.Internal.NativeMethods",
                new DllNotFoundException("Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies: libdrm.so.2: cannot open shared object file"));
    }
}
