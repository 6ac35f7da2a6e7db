using System.Diagnostics;
using System.Globalization;
using System.CommandLine;
using AdsRecommender.Samples;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.RunBench;

/// <summary>
/// <c>adsrec-bench [--videos N] [--clips dir]</c>: the face stage on the demo's sample clips (or on every video in a folder),
/// served on 127.0.0.1 and downloaded like real ads, one video at a time. Prints videos per minute, the share of time in
/// download, decode, detect and embed, and the ratio of face-stage time to decoding the same frames alone
/// (<see cref="FrameSampler.MeasureDecodeOnly"/>), in wall-clock time and in process CPU time; then the whole pipeline on
/// the same videos against the ffmpeg program decoding them (<see cref="WholeRunBench"/>; <c>--whole-run</c>: only that).
/// <c>adsrec-bench scale --videos N</c>: similarity, grouping and result writing on synthetic vectors (<see cref="ScaleBench"/>).
/// </summary>
public static class BenchCommand
{
    public static RootCommand Definition(CliContext cli)
    {
        var root = new RootCommand("The face stage, then the whole run in this process against the ffmpeg program decoding the same clips.")
        {
            CliOptions.Count("videos", "n", "videos to run (default: one per clip)"),
            CliOptions.Text("clips", "folder of videos", "every video in this folder instead of the demo's sample clips"),
            CliOptions.Text("out", "dir", "where the sample clips are composed (default: a temporary folder)"),
            CliOptions.Flag("whole-run", "only the whole run against ffmpeg"),
            CliOptions.Models(),
            CliOptions.Verbose(),
            ScaleDefinition(cli),
        };
        root.SetAction((parsed, ct) => ExecuteAsync(new CommandLine(parsed), cli, ct));
        return root;
    }

    private static Command ScaleDefinition(CliContext cli)
    {
        var defaults = new RunOptions();
        var scale = new Command("scale", "Similarity, grouping and results on synthetic vectors: the real orchestration in this process, or --grouping-only.")
        {
            CliOptions.Count("videos", "n", "synthetic videos (at least 2)"),
            CliOptions.Flag("grouping-only", "similarity, grouping and the two CSVs alone, without the orchestration"),
            CliOptions.Count("seed", "n", "the synthetic vectors' seed", 1),
            CliOptions.Text("out", "dir", "keep the results there"),
            CliOptions.BatchSize(),
            CliOptions.BatchesInFlight(),
            CliOptions.Count("batches-per-generation", "n", "batches before the run continues as new", defaults.BatchesPerGeneration),
            CliOptions.Count("sharded-above", "n", "shard the similarity above this many videos", RunOptions.DefaultShardedAbove),
            CliOptions.Count("shard-faces", "n", "faces per similarity shard", defaults.SimilarityShardFaces),
            CliOptions.DurableStorage(),
        };
        scale.SetAction((parsed, ct) => ScaleAsync(new CommandLine(parsed), cli, ct));
        return scale;
    }

    private static async Task<int> ScaleAsync(CommandLine line, CliContext cli, CancellationToken ct)
    {
        if (!line.Has("videos")) throw new UsageException("scale needs --videos <n>");
        var (videos, seed) = (line.IntValue("videos", 0, min: 2), line.IntValue("seed", 1, min: 0));
        var shardedAbove = line.IntValue("sharded-above", RunOptions.DefaultShardedAbove, min: 0);
        var shardFaces = line.IntValue("shard-faces", new RunOptions().SimilarityShardFaces, min: 1);
        if (line.Has("grouping-only")) return await ScaleBench.RunAsync(cli.Output, videos, seed, line.Value("out"), shardedAbove, shardFaces, ct);
        var defaults = new RunOptions();
        var runOptions = defaults with
        {
            BatchSize = line.IntValue("batch-size", defaults.BatchSize, min: 1),
            MaxBatchesInFlight = line.IntValue("batches-in-flight", defaults.MaxBatchesInFlight, min: 1),
            BatchesPerGeneration = line.IntValue("batches-per-generation", defaults.BatchesPerGeneration, min: 1),
            ShardedSimilarityAboveVideos = shardedAbove,
            SimilarityShardFaces = shardFaces,
        };
        return await ScaleRunBench.RunAsync(cli.Output, videos, seed, line.Value("out"), runOptions, line.Value(DurableFlags.StorageFlag), ct);
    }

    public static async Task<int> ExecuteAsync(CommandLine line, CliContext cli, CancellationToken ct)
    {
        var configuration = CliContext.Configuration(line);
        var options = CliContext.Options(configuration);
        var (clipsDir, clips) = await ClipsAsync(line, cli, ct);
        var count = line.IntValue("videos", clips.Count);
        using var logging = CliContext.Logging(line);

        await using var server = await ClipServer.StartAsync(clipsDir, ct: ct);
        using var downloads = new DownloaderFactory(new DownloadOptions());
        var downloader = downloads.Get(new RunOptions(AllowedPrivateEndpoints: [$"127.0.0.1:{server.Port}"]));
        using var analyzer = ServiceCollectionExtensions.CreateAnalyzer(options);
        if (line.Has("whole-run"))
        {
            await WholeRunBench.RunAsync(cli.Output, server, clipsDir, clips, count, configuration, options, logging, ct);
            return CliApp.Ok;
        }
        var temp = Path.Combine(Path.GetTempPath(), $"adsrec-bench-{Environment.ProcessId}.mp4");

        // Warm-up (model sessions, first-call JIT) is not measured.
        await downloader.DownloadAsync(server.UriFor(clips[0]), temp, ct);
        await analyzer.AnalyzeAsync(temp, ct);

        var total = new StageTimings();
        double decodeOnlyMs = 0, faceCpuMs = 0, decodeCpuMs = 0;
        var frames = 0;
        using var process = Process.GetCurrentProcess();
        var perVideo = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var name = clips[i % clips.Count];
            var t = Stopwatch.StartNew();
            await downloader.DownloadAsync(server.UriFor(name), temp, ct);
            var downloadMs = t.Elapsed.TotalMilliseconds;
            var cpu = CpuMs(process);
            var faces = analyzer.Analyze(temp, ct);
            var faceCpu = CpuMs(process) - cpu;
            faceCpuMs += faceCpu;
            total = total.Add(faces.Timings with { DownloadMs = downloadMs });
            frames += faces.FramesSampled;
            cpu = CpuMs(process);
            var decodeOnly = analyzer.Sampler.MeasureDecodeOnly(temp, ct);
            var decodeCpu = CpuMs(process) - cpu;
            decodeCpuMs += decodeCpu;
            decodeOnlyMs += decodeOnly.DecodeMs;
            var ft = faces.Timings;
            perVideo.Add((ft.DecodeMs + ft.DetectMs + ft.EmbedMs) / Math.Max(decodeOnly.DecodeMs, 0.001));
            if (line.Has("verbose"))
            {
                var f = faces.Timings;
                cli.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name}: {decodeOnly.Width}x{decodeOnly.Height}, {faces.FramesSampled} frames ({faces.FramesDetected} detected, {faces.FramesDetectedFull} at full size), {faces.FacesEmbedded} faces embedded, {faces.People.Count} people; decode {f.DecodeMs:0} ms, detect {f.DetectMs:0} ms, embed {f.EmbedMs:0} ms; ratio {(f.DecodeMs + f.DetectMs + f.EmbedMs) / Math.Max(decodeOnly.DecodeMs, 0.001):0.00} (CPU {faceCpu / Math.Max(decodeCpu, 0.001):0.00})"));
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
        perVideo.Sort();
        o.WriteLine(string.Create(ci, $"face stage / decode only per video: median {perVideo[perVideo.Count / 2]:0.00}, largest {perVideo[^1]:0.00}, {perVideo.Count(r => r <= 2)} of {perVideo.Count} at most 2"));
        o.WriteLine(string.Create(ci, $"face stage / decode only, process CPU time: {faceCpuMs / Math.Max(decodeCpuMs, 0.001):0.00} ({faceCpuMs:0} ms vs {decodeCpuMs:0} ms, each with its ffmpeg processes)"));
        await WholeRunBench.RunAsync(o, server, clipsDir, clips, count, configuration, options, logging, ct, faceCpuMs);
        return CliApp.Ok;
    }

    /// <summary>The demo's sample clips (built from ../shared/data or their upstream sources), or every video in <c>--clips</c>.</summary>
    private static async Task<(string Dir, List<string> Names)> ClipsAsync(CommandLine line, CliContext cli, CancellationToken ct)
    {
        if (line.Value("clips") is { } given)
        {
            var dir = Path.GetFullPath(given);
            if (!Directory.Exists(dir)) throw new UsageException($"--clips folder '{dir}' does not exist");
            var names = Directory.EnumerateFiles(dir).Where(f => VideoExtensions.Contains(Path.GetExtension(f)))
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
            if (names.Count == 0) throw new UsageException($"--clips folder '{dir}' holds no videos ({string.Join(", ", VideoExtensions)})");
            return (dir, names);
        }
        var clipsDir = Path.GetFullPath(line.Value("out") ?? Path.Combine(Path.GetTempPath(), "adsrec-bench-clips"));
        var data = await SampleData.EnsureAsync(cli.Output, ct);
        var builder = new SampleClipBuilder(data);
        var clips = new List<string>();
        foreach (var clip in SampleSet.Clips) clips.Add(Path.GetFileName(await builder.BuildAsync(clip, clipsDir, ct)));
        return (clipsDir, clips);
    }

    private static readonly string[] VideoExtensions = [".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v"];

    private static double CpuMs(Process process) => ProcessCpu.Ms(process);

    private static string Share(double part, double whole) =>
        (whole > 0 ? part / whole : 0).ToString("0.0%", CultureInfo.InvariantCulture);
}
