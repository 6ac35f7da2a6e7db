using System.ComponentModel;
using System.Diagnostics;

namespace AdsRecommender.Core.Media.Ffmpeg;

/// <summary>
/// Starts the system's <c>ffprobe</c> and <c>ffmpeg</c> programs (found on PATH). Their command lines and output formats
/// are the same from FFmpeg 5.1 to 7.1 and later, unlike the libraries' struct layouts, so no version is bound to.
/// </summary>
internal static class FfmpegPrograms
{
    private static readonly Lazy<string> LazyVersion = new(ReadVersion, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>"ffmpeg version 5.1.9-0+deb12u1" (the first line of <c>ffmpeg -version</c>); throws <see cref="DecoderMissingException"/>.</summary>
    public static string Version => LazyVersion.Value;

    /// <summary>Starts <paramref name="program"/> with its output redirected; throws <see cref="DecoderMissingException"/> when it is not installed.</summary>
    public static Process Start(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        try
        {
            return Process.Start(info) ?? throw new DecoderMissingException($"the {program} program could not be started");
        }
        catch (Win32Exception e)
        {
            throw new DecoderMissingException($"the {program} program (FFmpeg) could not be started: {e.Message}");
        }
    }

    /// <summary>Ends <paramref name="process"/> if it still runs (the sampler stopped reading) and waits for it.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        process.WaitForExit();
    }

    private static string ReadVersion()
    {
        foreach (var program in new[] { "ffprobe", "ffmpeg" })
        {
            using var p = Start(program, ["-hide_banner", "-version"]);
            var first = p.StandardOutput.ReadLine() ?? "";
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new DecoderMissingException($"`{program} -version` exited {p.ExitCode}");
            if (program == "ffmpeg") return first;
        }
        throw new UnreachableException();
    }
}
