using System.Diagnostics;
using System.Globalization;
using AdsRecommender.Cli.Demo;
using AdsRecommender.Core;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.Cli;

/// <summary>
/// <c>adsrec bench [--videos N]</c>: the face stage on the demo's sample clips, served on 127.0.0.1 and downloaded like real
/// ads, one video at a time. Prints videos per minute, the share of time in download, decode, detect and embed, and the
/// ratio of face-stage time to decoding the same frames alone (<see cref="FrameSampler.MeasureDecodeOnly"/>).
/// </summary>
public static class BenchCommand
{
    public static readonly HashSet<string> ValueOptions = ["videos", "models", "out"];
    public static readonly HashSet<string> Flags = ["verbose"];
    public const string Usage = "adsrec bench [--videos <n>] [--out <dir for the sample clips>] [--verbose]";

    public static async Task<int> ExecuteAsync(CommandLine line, CliContext cli, CancellationToken ct)
    {
        var count = line.IntValue("videos", SampleSet.Clips.Count);
        var options = CliContext.Options(line);
        var clipsDir = Path.GetFullPath(line.Value("out") ?? Path.Combine(Path.GetTempPath(), "adsrec-bench-clips"));
        var data = await SampleData.EnsureAsync(cli.Output, ct);
        var builder = new SampleClipBuilder(data);
        var clips = new List<string>();
        foreach (var clip in SampleSet.Clips) clips.Add(Path.GetFileName(await builder.BuildAsync(clip, clipsDir, ct)));

        await using var server = new ClipServer(clipsDir);
        using var downloads = new DownloaderFactory(new DownloadOptions());
        var downloader = downloads.Get(new RunOptions(AllowedPrivateEndpoints: [$"127.0.0.1:{server.Port}"]));
        using var analyzer = ServiceCollectionExtensions.CreateAnalyzer(options);
        var temp = Path.Combine(Path.GetTempPath(), $"adsrec-bench-{Environment.ProcessId}.mp4");

        // Warm-up (model sessions, first-call JIT) is not measured.
        await downloader.DownloadAsync(server.UriFor(clips[0]), temp, ct);
        await analyzer.AnalyzeAsync(temp, ct);

        var total = new StageTimings();
        double decodeOnlyMs = 0;
        var frames = 0;
        for (var i = 0; i < count; i++)
        {
            var name = clips[i % clips.Count];
            var t = Stopwatch.StartNew();
            await downloader.DownloadAsync(server.UriFor(name), temp, ct);
            var downloadMs = t.Elapsed.TotalMilliseconds;
            var faces = await analyzer.AnalyzeAsync(temp, ct);
            total = total.Add(faces.Timings with { DownloadMs = downloadMs });
            frames += faces.FramesSampled;
            var decodeOnly = analyzer.Sampler.MeasureDecodeOnly(temp, ct);
            decodeOnlyMs += decodeOnly.DecodeMs;
            if (line.Has("verbose"))
            {
                var f = faces.Timings;
                cli.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name}: {decodeOnly.Width}x{decodeOnly.Height}, {faces.FramesSampled} frames ({faces.FramesDetected} detected, {faces.FramesDetectedFull} at full size), {faces.FacesEmbedded} faces embedded, {faces.People.Count} people; decode {f.DecodeMs:0} ms, detect {f.DetectMs:0} ms, embed {f.EmbedMs:0} ms; ratio {(f.DecodeMs + f.DetectMs + f.EmbedMs) / Math.Max(decodeOnly.DecodeMs, 0.001):0.00}"));
            }
        }
        File.Delete(temp);

        var ci = CultureInfo.InvariantCulture;
        var o = cli.Output;
        var faceMs = total.DecodeMs + total.DetectMs + total.EmbedMs;
        o.WriteLine(string.Create(ci, $"{count} videos, {frames} frames sampled, one video at a time ({Environment.ProcessorCount} cores)"));
        o.WriteLine(string.Create(ci, $"videos per minute: {count / (total.TotalMs / 60000):0.0}"));
        o.WriteLine(string.Create(ci, $"time shares: download {Share(total.DownloadMs, total.TotalMs)}, decode {Share(total.DecodeMs, total.TotalMs)}, detect {Share(total.DetectMs, total.TotalMs)}, embed {Share(total.EmbedMs, total.TotalMs)}"));
        o.WriteLine(string.Create(ci, $"face stage / decode only: {faceMs / Math.Max(decodeOnlyMs, 0.001):0.00} ({faceMs:0} ms vs {decodeOnlyMs:0} ms for the same frames)"));
        return CliApp.Ok;
    }

    private static string Share(double part, double whole) =>
        (whole > 0 ? part / whole : 0).ToString("0.0%", CultureInfo.InvariantCulture);
}
