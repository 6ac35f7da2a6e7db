using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdsRecommender.Cli.Demo;
using AdsRecommender.Core;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.Cli.Bench;

/// <summary>
/// The whole pipeline (<c>adsrec run</c>'s in-process host, local store) on <c>count</c> rows that cycle through the clips,
/// each under its own URL, against the ffmpeg program decoding the same clips one after another (each distinct clip decoded once and counted per row), in the same process run.
/// ffmpeg is measured before and after the run and averaged, so load from other jobs that changes during the run
/// weighs on both sides.
/// </summary>
public static class WholeRunBench
{
    public static async Task RunAsync(TextWriter o, ClipServer server, string clipsDir, IReadOnlyList<string> clips, int count,
        IConfiguration configuration, AdsRecommenderOptions options, ILoggerFactory logging, CancellationToken ct)
    {
        var files = Enumerable.Range(0, count).Select(i => Path.Combine(clipsDir, clips[i % clips.Count])).ToList();
        var before = await FfmpegDecode.MeasureAsync(files, ct);

        var outDir = Directory.CreateTempSubdirectory("adsrec-bench-run-").FullName;
        try
        {
            var csv = new StringBuilder("Performance,Video URL\n");
            for (var i = 0; i < count; i++)
                csv.Append(CultureInfo.InvariantCulture, $"{i % 7 / 10.0},{server.UriFor(clips[i % clips.Count])}?copy={i}\n");
            var storage = RunStorage.Local(outDir);
            var csvPath = Path.Combine(outDir, "bench.csv");
            await File.WriteAllTextAsync(csvPath, csv.ToString(), ct);
            var (runId, csvName) = await RunSetup.StageCsvAsync(storage.Store, csvPath, ct);
            var runOptions = new RunOptions(AllowedPrivateEndpoints: [$"127.0.0.1:{server.Port}"]);

            await using var host = await PipelineHost.StartAsync(storage.Store, storage.Ledger, configuration, logging, ct: ct);
            var watch = Stopwatch.StartNew();
            var outcome = await host.RunAsync(new RunRequest(runId, csvName, runOptions), ct: ct);
            var wallMs = watch.Elapsed.TotalMilliseconds;
            var after = await FfmpegDecode.MeasureAsync(files, ct);

            var videos = await storage.Ledger.GetVideosAsync(runId, ct);
            var stagesMs = videos.Sum(v => v.Timings.TotalMs);
            var ffmpegMs = (before + after) / 2;
            var ci = CultureInfo.InvariantCulture;
            o.WriteLine(string.Create(ci, $"whole run: {count} videos ({outcome.Embedded} with faces, {outcome.Failed} failed) in {wallMs / 1000:0.0} s wall; per-video stages summed {stagesMs / 1000:0.0} s ({stagesMs / Math.Max(wallMs, 1):0.00} videos in flight on average, up to {options.MaxParallelAnalyses} analyses at once)"));
            o.WriteLine(string.Create(ci, $"ffmpeg alone decoding the same {count} clips one after another: {ffmpegMs / 1000:0.0} s ({before / 1000:0.0} s before the run, {after / 1000:0.0} s after)"));
            o.WriteLine(string.Create(ci, $"whole run / ffmpeg decode: {wallMs / Math.Max(ffmpegMs, 1):0.00}"));
            using var self = Process.GetCurrentProcess();
            o.WriteLine(string.Create(ci, $"peak RSS: {self.PeakWorkingSet64 / (1024.0 * 1024):0} MB"));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
