using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Health;
using AdsRecommender.Core.Tests.Media;
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
        Assert.StartsWith("H.264 decoded (64x48) by Ffmpeg; ffmpeg version ", report.Checks[3].Detail);
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
        Assert.Contains($"(deploy/native-packages/{NativePackages.Release})", report.Failure);
    }

    [Theory]
    [InlineData("debian-bookworm", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n", "libgtk-3-0")]
    [InlineData("debian-trixie", "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nID=debian\nVERSION_CODENAME=trixie\n", "libgtk-3-0t64")]
    [InlineData("ubuntu-noble", "NAME=\"Ubuntu\"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n", "libgtk-3-0t64")]
    public async Task The_self_test_and_the_image_recipe_read_the_same_list_for_a_release(string release, string osRelease, string gtk)
    {
        Assert.Equal(release, NativePackages.ReleaseOf(osRelease));
        var list = NativePackages.For(release);
        Assert.NotNull(list);
        Assert.Contains(gtk, list);
        Assert.Contains("ffmpeg", list);
        Assert.Contains("libdrm2", list);

        // deploy/native-packages.sh, which the Dockerfile and scripts/setup.sh run, prints the same list for that os-release
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "os-release");
        await File.WriteAllTextAsync(file, osRelease);
        var (code, output) = await Shell("sh", Path.Combine(SharedData.RepoRoot, "deploy", "native-packages.sh"), file);
        Assert.Equal(0, code);
        Assert.Equal(string.Join(' ', list), output.Trim());
    }

    [Fact]
    public async Task A_release_without_a_list_is_named_with_what_to_add()
    {
        Assert.Null(NativePackages.For("fedora-unknown"));
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "os-release");
        await File.WriteAllTextAsync(file, "ID=fedora\nVERSION_ID=41\n");
        var (code, output) = await Shell("sh", Path.Combine(SharedData.RepoRoot, "deploy", "native-packages.sh"), file);
        Assert.Equal(1, code);
        Assert.Contains("no package list for fedora", output);
        Assert.Contains("deploy/native-packages/fedora-", output);
    }

    private static async Task<(int Code, string Output)> Shell(string program, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }
}
