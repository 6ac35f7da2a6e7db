using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AdsRecommender.RunBench;

/// <summary>The decode floor: the <c>ffmpeg</c> program decoding every frame of a clip to nowhere, on <see cref="Threads"/> threads.</summary>
public static partial class FfmpegDecode
{
    /// <summary>ffmpeg's decoding threads: two, the cores of the machine the issue's targets are set on (issue #25).</summary>
    public const int Threads = 2;

    /// <summary>Wall-clock and CPU milliseconds (user + system, all of ffmpeg's threads) of one decode or a sum of them, with the video seconds and frames decoded.</summary>
    public readonly record struct Cost(double WallMs, double CpuMs, double VideoSeconds = 0, long Frames = 0)
    {
        public static Cost operator +(Cost a, Cost b) => new(a.WallMs + b.WallMs, a.CpuMs + b.CpuMs, a.VideoSeconds + b.VideoSeconds, a.Frames + b.Frames);
    }

    /// <summary>
    /// What ffmpeg takes to decode <paramref name="files"/> one after another. A file listed several
    /// times (the bench cycles a few clips under many URLs) is decoded once and counted as often as it is listed:
    /// decoding the identical file again repeats the same work, and at 3,000 rows it would take longer than the run.
    /// </summary>
    public static async Task<Cost> MeasureAsync(IReadOnlyList<string> files, CancellationToken ct)
    {
        var perFile = new Dictionary<string, Cost>(StringComparer.Ordinal);
        foreach (var file in files.Distinct(StringComparer.Ordinal))
            perFile[file] = await DecodeAsync(file, ct);
        return files.Aggregate(default(Cost), (sum, f) => sum + perFile[f]);
    }

    private static async Task<Cost> DecodeAsync(string file, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        // -benchmark prints ffmpeg's own CPU time ("bench: utime=..s stime=..s"); it is printed at the info level
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-nostdin", "-hide_banner", "-nostats", "-v", "info", "-benchmark", "-threads", Threads.ToString(CultureInfo.InvariantCulture)])
            start.ArgumentList.Add(a);
        foreach (var a in (string[])["-i", file, "-f", "null", "-"]) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg could not be started (apt-get install ffmpeg)");
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var wallMs = watch.Elapsed.TotalMilliseconds;
        var text = await errors;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed on {file}: {text.Trim()}");
        var bench = BenchLine().Match(text);
        if (!bench.Success) throw new InvalidOperationException($"ffmpeg printed no 'bench: utime=' line for {file}");
        var cpuS = double.Parse(bench.Groups["user"].Value, CultureInfo.InvariantCulture) + double.Parse(bench.Groups["sys"].Value, CultureInfo.InvariantCulture);
        var frames = FrameLines().Matches(text) is { Count: > 0 } m ? long.Parse(m[^1].Groups["n"].Value, CultureInfo.InvariantCulture) : 0;
        var d = DurationLine().Match(text);
        var seconds = d.Success ? TimeSpan.Parse(d.Groups["t"].Value, CultureInfo.InvariantCulture).TotalSeconds : 0;
        return new Cost(wallMs, cpuS * 1000, seconds, frames);
    }

    [GeneratedRegex(@"frame=\s*(?<n>\d+)")]
    private static partial Regex FrameLines();

    [GeneratedRegex(@"Duration: (?<t>\d+:\d+:\d+(\.\d+)?)")]
    private static partial Regex DurationLine();

    [GeneratedRegex(@"bench: utime=(?<user>[\d.]+)s stime=(?<sys>[\d.]+)s")]
    private static partial Regex BenchLine();
}
