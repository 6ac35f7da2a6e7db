using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary>
/// Where adsrec is started from must not matter. Its in-process orchestration host once read configuration from the
/// current directory with reload on change, and the file watcher behind that watched every directory below it (85,991
/// inotify watches when started from /).
/// </summary>
public sealed class CliWorkingDirectoryTests
{
    [Fact]
    public async Task A_run_started_in_a_large_directory_tree_watches_none_of_it()
    {
        const int directories = 400;
        var cwd = Directory.CreateTempSubdirectory("adsrec-cwd-").FullName;
        try
        {
            for (var i = 0; i < directories; i++) Directory.CreateDirectory(Path.Combine(cwd, $"d{i / 20}", $"e{i % 20}"));

            // the real orchestration (in-process host, gRPC sidecar, local store) with a synthetic video stage: seconds
            using var cli = CliProcess.StartBenchIn(cwd, "scale", "--videos", "2000");
            var most = 0;
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2); // a hung CLI ends in WaitAsync's timeout, not here
            while (!cli.HasExited && DateTime.UtcNow < deadline)
            {
                most = Math.Max(most, InotifyWatches(cli.Id));
                await Task.Delay(25);
            }
            var code = await cli.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(code == 0, $"exit {code}\n{cli.Output}\n{cli.Error}");
            Assert.Contains("scale videos=2000 ", cli.Output); // it ran the orchestration, so the host was up while polled
            Assert.True(most < 10, $"the CLI held {most} inotify watches for a working directory of {directories + directories / 20 + 1} directories");
        }
        finally
        {
            Directory.Delete(cwd, recursive: true);
        }
    }

    /// <summary>The inotify watches a process holds now (one "inotify wd:" line per watch in /proc/pid/fdinfo); 0 once it is gone.</summary>
    private static int InotifyWatches(int pid)
    {
        try
        {
            var count = 0;
            foreach (var info in Directory.EnumerateFiles($"/proc/{pid}/fdinfo"))
            {
                try
                {
                    count += File.ReadLines(info).Count(l => l.StartsWith("inotify wd:", StringComparison.Ordinal));
                }
                catch (IOException)
                {
                    // the descriptor was closed between listing and reading
                }
            }
            return count;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return 0; // the process ended
        }
    }
}
