using System.Diagnostics;

namespace AdsRecommender.Cli.Bench;

/// <summary>The decode floor: the <c>ffmpeg</c> program decoding every frame of a clip to nowhere, with its own threads.</summary>
public static class FfmpegDecode
{
    /// <summary>
    /// Wall-clock milliseconds ffmpeg takes to decode <paramref name="files"/> one after another. A file listed several
    /// times (the bench cycles a few clips under many URLs) is decoded once and counted as often as it is listed:
    /// decoding the identical file again repeats the same work, and at 3,000 rows it would take longer than the run.
    /// </summary>
    public static async Task<double> MeasureAsync(IReadOnlyList<string> files, CancellationToken ct)
    {
        var perFile = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var file in files.Distinct(StringComparer.Ordinal))
            perFile[file] = await DecodeAsync(file, ct);
        return files.Sum(f => perFile[f]);
    }

    private static async Task<double> DecodeAsync(string file, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
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
        return watch.Elapsed.TotalMilliseconds;
    }
}
