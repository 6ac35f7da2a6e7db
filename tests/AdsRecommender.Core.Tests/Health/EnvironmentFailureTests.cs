using AdsRecommender.Core.Health;
using AdsRecommender.Core.Models;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Tests.Health;

public sealed class EnvironmentFailureTests
{
    private static VideoResult Video(int i, VideoStatus status, string? reason) => new($"video({i})", i, 0.5, status, reason, 0, new StageTimings());

    [Fact]
    public void Machine_faults_are_marked_and_video_faults_are_not()
    {
        Assert.StartsWith(EnvironmentFailure.Prefix, EnvironmentFailure.ReasonFor(new ModelFileException("Model file x.onnx is missing")));
        Assert.StartsWith(EnvironmentFailure.Prefix, EnvironmentFailure.ReasonFor(new DllNotFoundException("libdrm.so.2")));
        Assert.Equal("HTTP 404 Not Found", EnvironmentFailure.ReasonFor(new InvalidOperationException("HTTP 404 Not Found")));
        Assert.Equal("environment: missing", EnvironmentFailure.ReasonFor(typeof(ModelFileException).FullName, "missing"));
        Assert.Equal("gave up after retries: reset", EnvironmentFailure.ReasonFor(typeof(IOException).FullName, "reset"));
    }

    [Fact]
    public void A_run_fails_only_when_every_video_failed_for_the_same_machine_fault()
    {
        const string Env = EnvironmentFailure.Prefix + "libdrm.so.2 missing";
        Assert.Equal("libdrm.so.2 missing", EnvironmentFailure.CommonReason(
            [Video(0, VideoStatus.Failed, Env), Video(1, VideoStatus.Failed, Env), Video(2, VideoStatus.Failed, "same URL as video(0): " + Env)]));

        Assert.Null(EnvironmentFailure.CommonReason([]));
        Assert.Null(EnvironmentFailure.CommonReason([Video(0, VideoStatus.Failed, Env), Video(1, VideoStatus.Embedded, null)]));
        Assert.Null(EnvironmentFailure.CommonReason([Video(0, VideoStatus.Failed, "HTTP 404 Not Found"), Video(1, VideoStatus.Failed, "HTTP 404 Not Found")]));
        Assert.Null(EnvironmentFailure.CommonReason([Video(0, VideoStatus.Failed, Env), Video(1, VideoStatus.Failed, EnvironmentFailure.Prefix + "other")]));
    }
}
