using System.Diagnostics;

namespace AdsRecommender.Cli.Bench;

/// <summary>The decode floor: the <c>ffmpeg</c> program decoding every frame of a clip to nowhere, with its own threads.</summary>
public static class FfmpegDecode
{
    /// <summary>Wall-clock milliseconds ffmpeg takes to decode <paramref name="files"/> one after another.</summary>
    public static async Task<double> MeasureAsync(IEnumerable<string> files, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        foreach (var file in files)
        {
            using var process = Process.Start(new ProcessStartInfo("ffmpeg")
            {
                ArgumentList = { "-nostdin", "-v", "error", "-i", file, "-f", "null", "-" },
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("ffmpeg could not be started (apt-get install ffmpeg)");
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"ffmpeg failed on {file}: {(await errors).Trim()}");
        }
        return watch.Elapsed.TotalMilliseconds;
    }
}
