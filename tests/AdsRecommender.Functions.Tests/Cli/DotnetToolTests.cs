using AdsRecommender.Core.Results;
using AdsRecommender.Functions.Tests.Orchestration;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary>
/// The CLI as a .NET tool: packed from the repository, installed into a temporary tool path, run from a folder outside the
/// repository with no models setting, so the models and native libraries it finds are the ones inside the package.
/// </summary>
public sealed class DotnetToolTests
{
    [Fact]
    public async Task The_packed_tool_installs_shows_its_help_runs_a_real_csv_and_names_missing_models()
    {
        var root = Directory.CreateTempSubdirectory("adsrec-tool-").FullName;
        try
        {
            var (packages, tools, work) = (Path.Combine(root, "pkg"), Path.Combine(root, "tools"), Path.Combine(root, "work"));
            Directory.CreateDirectory(work);
            // a version of its own: never a package of the same version from an earlier run in the NuGet caches
            var version = $"0.0.0-test{DateTime.UtcNow:yyyyMMddHHmmss}{System.Environment.ProcessId}";
            await DotnetAsync(TimeSpan.FromMinutes(12), "pack", Path.Combine(SharedData.RepoRoot, "src", "AdsRecommender.Cli"), "-c", "Release",
                "-o", packages, "-nologo", $"-p:PackageVersion={version}");
            await DotnetAsync(TimeSpan.FromMinutes(3), "tool", "install", "adsrec", "--tool-path", tools, "--add-source", packages, "--version", version);
            var adsrec = Path.Combine(tools, "adsrec");

            var help = await ChildProcess.RunAsync(adsrec, ["--help"], Deadline.Short, workingDirectory: work);
            Assert.True(help.ExitCode == 0, help.Error);
            foreach (var command in new[] { "run", "watch", "worker", "videos", "calibrate", "demo" }) Assert.Contains($"  {command} ", help.Output);
            Assert.DoesNotContain("bench", help.Output);

            await using var server = new TestHttpServer();
            await TestClips.ServeAllAsync(server);
            var csv = Path.Combine(work, "ads.csv");
            await File.WriteAllTextAsync(csv, TestRun.Csv((0.7, server.UriFor("/jolie_a.mp4")), (0.5, server.UriFor("/jolie_b.mp4"))));
            var run = await ChildProcess.RunAsync(adsrec, ["run", csv, "--out", Path.Combine(work, "out"), "--allow-private-network"], Deadline.Run,
                RunEnvironment(), work);
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            Assert.Contains("videos with faces: 2", run.Output);
            Assert.True(File.Exists(Path.Combine(work, "out", ResultFiles.Groups)));

            // without the packaged models it stops at start, before any download, and says how to fix it
            var models = Assert.Single(Directory.GetDirectories(Path.Combine(tools, ".store"), "models", SearchOption.AllDirectories));
            Directory.Move(models, models + ".moved");
            var requests = server.TotalRequests;
            var missing = await ChildProcess.RunAsync(adsrec, ["run", csv, "--out", Path.Combine(work, "out2"), "--allow-private-network"],
                Deadline.Short, RunEnvironment(), work);
            Assert.True(missing.ExitCode == 2, $"exit {missing.ExitCode}\n{missing.Output}\n{missing.Error}");
            Assert.Contains("AdsRecommender__ModelsDirectory (CLI: --models)", missing.Error);
            Assert.Equal(requests, server.TotalRequests);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>One analysis at a time; no models setting: the tool finds its own.</summary>
    private static Dictionary<string, string> RunEnvironment() => new() { ["AdsRecommender__MaxParallelAnalyses"] = "1" };

    private static async Task DotnetAsync(TimeSpan limit, params string[] args)
    {
        var result = await ChildProcess.RunAsync("dotnet", args, limit);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', args)}: exit {result.ExitCode}\n{result.Output}\n{result.Error}");
    }
}
