using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdsRecommender.Samples;
using AdsRecommender.Core;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AdsRecommender.RunBench;

/// <summary>
/// The whole pipeline (<c>adsrec run</c>'s in-process host, local store) on <c>count</c> rows that cycle through the clips,
/// each under its own URL, against the ffmpeg program decoding the same clips one after another (each distinct clip decoded once and counted per row), in the same process run.
/// ffmpeg is measured before and after the run and averaged, so load from other jobs that changes during the run
/// weighs on both sides. The run's resident memory is sampled (<see cref="MemoryProbe"/>) and noted at each quarter of the
/// videos recorded, so memory that grows with the number of videos shows; the last line is one machine-readable summary.
/// </summary>
public static class WholeRunBench
{
    public static async Task RunAsync(TextWriter o, ClipServer server, string clipsDir, IReadOnlyList<string> clips, int count,
        IConfiguration configuration, AdsRecommenderOptions options, ILoggerFactory logging, CancellationToken ct, double? faceStageCpuMs = null)
    {
        var files = Enumerable.Range(0, count).Select(i => Path.Combine(clipsDir, clips[i % clips.Count])).ToList();
        var before = await FfmpegDecode.MeasureAsync(files, ct);
        var decodedShare = DecodedShare(files, before.Frames, options.Sampling, ct).ToString("0.00", CultureInfo.InvariantCulture);

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

            // progress and stage times from the videos as they are recorded, so nothing is read back per video
            var ledger = new NotifyingLedger(storage.Ledger);
            var (recorded, stagesMs) = (0, 0.0);
            var tally = new Lock();
            ledger.VideoRecorded += (_, v) =>
            {
                lock (tally) (recorded, stagesMs) = (recorded + 1, stagesMs + v.Timings.TotalMs);
            };
            await using var host = await PipelineHost.StartAsync(storage.Store, ledger, configuration, logging, ct: ct);
            using var self = Process.GetCurrentProcess();
            var (cpu0, jit0, jitMethods0) = (ProcessCpu.Ms(self), System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
            var watch = Stopwatch.StartNew();
            RunOutcome outcome;
            var probe = new MemoryProbe(() => Volatile.Read(ref recorded), count, TimeSpan.FromMilliseconds(100));
            await using (probe)
                outcome = await host.RunAsync(new RunRequest(runId, csvName, runOptions), ct: ct);
            var wallMs = watch.Elapsed.TotalMilliseconds;
            // CPU time, unlike wall time, does not count the time other jobs or other virtual machines (steal) hold the cores;
            // it includes the decoder's ffmpeg processes
            var cpuMs = ProcessCpu.Ms(self) - cpu0;
            var jitMs = (System.Runtime.JitInfo.GetCompilationTime() - jit0).TotalMilliseconds;
            var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods0;
            var after = await FfmpegDecode.MeasureAsync(files, ct);

            var ffmpegMs = (before.WallMs + after.WallMs) / 2;
            var ffmpegCpuMs = (before.CpuMs + after.CpuMs) / 2;
            var ci = CultureInfo.InvariantCulture;
            o.WriteLine(string.Create(ci, $"whole run: {count} videos ({outcome.Embedded} with faces, {outcome.Failed} failed) in {wallMs / 1000:0.0} s wall; per-video stages summed {stagesMs / 1000:0.0} s ({stagesMs / Math.Max(wallMs, 1):0.00} videos in flight on average, up to {options.MaxParallelAnalyses} analyses at once)"));
            o.WriteLine(string.Create(ci, $"ffmpeg alone decoding the same {count} clips one after another: {ffmpegMs / 1000:0.0} s ({before.WallMs / 1000:0.0} s before the run, {after.WallMs / 1000:0.0} s after), {ffmpegCpuMs / 1000:0.0} CPU-s"));
            o.WriteLine(string.Create(ci, $"whole run / ffmpeg decode: {wallMs / Math.Max(ffmpegMs, 1):0.00}"));
            var minutes = before.VideoSeconds / 60;
            o.WriteLine(string.Create(ci, $"video: {minutes:0.00} min, {before.Frames} frames, share decoded by the run {decodedShare}; CPU-s per video-minute: the run {cpuMs / 1000 / Math.Max(minutes, 1e-9):0.0}, ffmpeg ({FfmpegDecode.Threads} threads) {ffmpegCpuMs / 1000 / Math.Max(minutes, 1e-9):0.0}"));
            o.WriteLine(string.Create(ci, $"CPU time: the run {cpuMs / 1000:0.0} s (of it compiling {jitMethods} methods: {jitMs / 1000:0.0} s), ffmpeg {ffmpegCpuMs / 1000:0.0} s; run / ffmpeg {cpuMs / Math.Max(ffmpegCpuMs, 1):0.00}"));
            // The floor no whole run can go under: the face stage's own CPU time (measured one video at a time, warm, by
            // `bench` without --whole-run) spread perfectly over every core, before any download, storage or orchestration.
            double? floorRatio = null;
            if (faceStageCpuMs is { } faceCpu)
            {
                var cores = Environment.ProcessorCount;
                floorRatio = faceCpu / cores / Math.Max(ffmpegMs, 1);
                o.WriteLine(string.Create(ci, $"floor: the face stage alone needs {faceCpu / 1000:0.0} CPU-s, {faceCpu / 1000 / cores:0.0} s on {cores} cores if nothing else ran: {floorRatio:0.00} x ffmpeg decode"));
            }
            foreach (var m in probe.Marks)
                o.WriteLine(string.Create(ci, $"  {m.Videos} videos recorded at {m.Seconds:0.0} s: RSS {m.RssMb:0} MB, managed objects {m.HeapMb:0} MB, GC committed {m.GcCommittedMb:0} MB"));
            var peakMb = Math.Max(probe.PeakRssMb, self.PeakWorkingSet64 / (1024.0 * 1024));
            o.WriteLine(string.Create(ci, $"peak RSS: {peakMb:0} MB ({probe.PeakProcessingRssMb:0} MB while videos were processed)"));
            var steady = probe.SteadyMsPerVideo is { } ms ? ms.ToString("0.0", ci) : "n/a";
            var rssMarks = string.Join('/', probe.Marks.Select(m => m.RssMb.ToString("0", ci)));
            o.WriteLine(string.Create(ci, $"whole-run videos={count} wall_s={wallMs / 1000:0.0} per_video_ms={wallMs / count:0.0} steady_ms_per_video={steady} ffmpeg_s={ffmpegMs / 1000:0.0} ratio={wallMs / Math.Max(ffmpegMs, 1):0.00} peak_rss_mb={peakMb:0} rss_mb_at_25_50_75_100={rssMarks} cpu_s={cpuMs / 1000:0.0} jit_s={jitMs / 1000:0.0} ffmpeg_cpu_s={ffmpegCpuMs / 1000:0.0} cpu_ratio={cpuMs / Math.Max(ffmpegCpuMs, 1):0.00} floor_ratio={(floorRatio is { } f ? f.ToString("0.00", ci) : "n/a")} video_min={minutes:0.00} cpu_s_per_video_min={cpuMs / 1000 / Math.Max(minutes, 1e-9):0.0} frames={before.Frames} decoded_share={decodedShare}"));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>
    /// The share of the videos' frames the run decodes: what the face stage's decoder decodes of each distinct file
    /// (<see cref="Core.Media.FrameSampler.CountDecodedFrames"/>: non-reference frames and, where key frames are dense,
    /// the frames of an unchanged picture between them left out), counted per row.
    /// </summary>
    private static double DecodedShare(IReadOnlyList<string> files, long allFrames, Core.Faces.FaceSamplingOptions sampling, CancellationToken ct)
    {
        if (allFrames <= 0) return 1.0;
        var sampler = new Core.Media.FrameSampler(sampling.ToFrameSampling());
        var perFile = files.Distinct(StringComparer.Ordinal).ToDictionary(f => f, f =>
        {
            ct.ThrowIfCancellationRequested();
            return sampler.CountDecodedFrames(f);
        }, StringComparer.Ordinal);
        return Math.Min(1.0, files.Sum(f => perFile[f]) / (double)allFrames);
    }
}
