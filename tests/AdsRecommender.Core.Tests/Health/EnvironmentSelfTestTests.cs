using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Health;
using AdsRecommender.Core.Models;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Health;

[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class EnvironmentSelfTestTests
{
    [Fact]
    public void On_a_complete_machine_every_check_passes_with_the_real_models_and_decoder()
    {
        using var analyzer = new VideoFaceAnalyzer(new FaceModelOptions().WithModelsDirectory(SharedData.Models), new FaceSamplingOptions());

        var report = EnvironmentSelfTest.Run(() => analyzer);

        Assert.True(report.Healthy, report.Failure);
        Assert.Null(report.Failure);
        Assert.Equal(
            [EnvironmentSelfTest.OpenCv, EnvironmentSelfTest.OnnxRuntime, EnvironmentSelfTest.Models, EnvironmentSelfTest.Decoder],
            report.Checks.Select(c => c.Name));
        Assert.StartsWith("OpenCV 4.", report.Checks[0].Detail);
        Assert.StartsWith("ONNX Runtime 1.", report.Checks[1].Detail);
        Assert.Contains(analyzer.ModelsDirectory, report.Checks[2].Detail);
        Assert.StartsWith("H.264 decoded (64x48) by LibAv; libavformat 59.", report.Checks[3].Detail);
    }

    [Fact]
    public void Missing_models_fail_the_models_check_with_the_file_and_the_install_command()
    {
        var empty = Directory.CreateTempSubdirectory("adsrec-nomodels-").FullName;
        try
        {
            var report = EnvironmentSelfTest.Run(() => new VideoFaceAnalyzer(new FaceModelOptions().WithModelsDirectory(empty), new FaceSamplingOptions()));

            Assert.False(report.Healthy);
            var models = Assert.Single(report.Checks, c => !c.Ok);
            Assert.Equal(EnvironmentSelfTest.Models, models.Name);
            Assert.Contains("face_detection_yunet.onnx is missing", report.Failure);
            Assert.Contains("bash models/install.sh", report.Failure);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void A_native_library_that_does_not_load_names_the_missing_file_and_the_apt_packages()
    {
        // What a machine without libdrm2 shows: the type initializer's inner loader error is the useful part.
        var report = EnvironmentSelfTest.Run(() => throw new TypeInitializationException("OpenCvSharp.Internal.NativeMethods",
            new DllNotFoundException("Unable to load shared library 'OpenCvSharpExtern': libdrm.so.2: cannot open shared object file")));

        var models = Assert.Single(report.Checks, c => !c.Ok);
        Assert.Contains("libdrm.so.2: cannot open shared object file", models.Detail);
        Assert.Contains("apt-get install --no-install-recommends libgtk-3-0", report.Failure);
        Assert.Contains("NATIVE_PACKAGES", report.Failure);
    }

    [Fact]
    public void The_fix_names_exactly_the_Dockerfiles_native_packages()
    {
        var dockerfile = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "Dockerfile"));
        var line = dockerfile.Split('\n').Single(l => l.StartsWith("ARG NATIVE_PACKAGES=\"", StringComparison.Ordinal));

        Assert.Equal(line["ARG NATIVE_PACKAGES=\"".Length..line.LastIndexOf('"')].Split(' '), NativePackages.List);
        Assert.Contains("libdrm2", NativePackages.List);
        Assert.Contains("libatomic1", NativePackages.List);
        Assert.Throws<InvalidOperationException>(() => NativePackages.Parse("FROM debian\nARG OTHER=\"x\"\n"));
    }
}
