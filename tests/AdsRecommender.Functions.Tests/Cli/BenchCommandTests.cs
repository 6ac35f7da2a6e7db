using System.Globalization;
using System.Text.RegularExpressions;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary><c>adsrec-bench --clips</c> (bench/AdsRecommender.RunBench) on real face videos from ../shared/data, run as a child process.</summary>
public sealed partial class BenchCommandTests
{
    [Fact]
    public async Task Bench_over_a_folder_of_videos_prints_the_time_shares_and_the_face_stage_ratio()
    {
        var dir = Directory.CreateTempSubdirectory("adsrec-bench-test-").FullName;
        try
        {
            foreach (var name in new[] { "obama_whcd__barack_obama.mp4", "hamilton_seg_3.7-7.9s__lin_manuel_miranda.mp4" })
                File.Copy(Path.Combine(SharedData.Videos, name), Path.Combine(dir, name));
            await File.WriteAllTextAsync(Path.Combine(dir, "notes.txt"), "not a video, not benchmarked");

            var (code, output, error) = await CliProcess.RunBenchAsync("--clips", dir, "--verbose");

            Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
            Assert.Contains("2 videos, ", output);
            Assert.Contains("obama_whcd__barack_obama.mp4: 844x614, 16 frames", output);
            Assert.DoesNotContain("notes.txt", output);
            // The summary recomputed from the per-video lines (a second way to the same figures), to rounding.
            var videos = PerVideo().Matches(output).Select(m => (
                Frames: Number(m, "frames"), Face: Number(m, "decode") + Number(m, "detect") + Number(m, "embed"), Ratio: Number(m, "ratio"))).ToList();
            Assert.Equal(2, videos.Count);
            Assert.Contains($"2 videos, {videos.Sum(v => v.Frames)} frames sampled", output);
            var summary = Summary().Match(output);
            Assert.True(summary.Success, output);
            var (faceMs, decodeOnlyMs) = (Number(summary, "face"), Number(summary, "decodeOnly"));
            Assert.Equal(videos.Sum(v => v.Face), faceMs, 3.0); // six terms rounded to 1 ms, one total rounded
            var ratio = faceMs / decodeOnlyMs; // both printed to the millisecond
            Assert.Equal(ratio, Number(summary, "ratio"), 0.006 + ratio * (0.6 / decodeOnlyMs + 0.6 / faceMs));
            var ratios = videos.Select(v => v.Ratio).Order().ToList();
            var perVideo = PerVideoSummary().Match(output);
            Assert.True(perVideo.Success, output);
            Assert.Equal(ratios[1], Number(perVideo, "median"), 0.011); // the upper of two, as the product takes Count / 2
            Assert.Equal(ratios[1], Number(perVideo, "largest"), 0.011);
            Assert.Equal(ratios.Count(r => r <= 2), (int)Number(perVideo, "atMost2"));
            var shares = Shares().Match(output);
            Assert.Equal(100.0, new[] { "download", "decode", "detect", "embed" }.Sum(k => Number(shares, k)), 0.25);
            var faceCpu = FaceCpu().Match(output);
            Assert.True(faceCpu.Success, output);

            // the whole run's closing line agrees with the lines above it; memory noted at each quarter of the videos
            var closing = WholeRun().Match(output);
            Assert.True(closing.Success, output);
            Assert.Equal("2", closing.Groups["videos"].Value);
            var wall = Number(closing, "wall");
            Assert.Equal(wall * 1000 / 2, Number(closing, "perVideo"), 0.05 * 1000 / 2 + 0.05);
            var ffmpeg = Number(closing, "ffmpeg");
            Assert.Equal(wall / ffmpeg, Number(closing, "ratio"), 0.006 + wall / ffmpeg * (0.05 / wall + 0.05 / (ffmpeg - 0.05))); // both printed to 0.1 s: the true ffmpeg time may be 0.05 s below the printed one
            Assert.Contains($"whole run / ffmpeg decode: {closing.Groups["ratio"].Value}", output);
            // CPU time: the run's own against ffmpeg's, from its -benchmark line
            var (cpu, jit, ffmpegCpu) = (Number(closing, "cpu"), Number(closing, "jit"), Number(closing, "ffmpegCpu"));
            Assert.InRange(cpu, 0.1, 2 * Environment.ProcessorCount * wall + 0.1);
            Assert.True(jit >= 0); // time inside the JIT, summed over threads with their waits for a core: not bounded by the CPU time
            Assert.InRange(ffmpegCpu, 0.05, 1000);
            Assert.Equal(cpu / ffmpegCpu, Number(closing, "cpuRatio"), 0.006 + cpu / ffmpegCpu * (0.05 / cpu + 0.05 / ffmpegCpu));
            // the floor: the face stage's CPU time (one video at a time, above) over every core, against ffmpeg's wall time
            var floor = Number(faceCpu, "faceCpu") / 1000 / Environment.ProcessorCount / ffmpeg;
            Assert.Equal(floor, Number(closing, "floor"), 0.006 + floor * 0.05 / (ffmpeg - 0.05)); // ffmpeg printed to 0.1 s (true value up to 0.05 s lower)
            Assert.Contains($": {closing.Groups["floor"].Value} x ffmpeg decode", output);
            // per video-minute (issue #25): the run's CPU over the minutes of video ffmpeg reported, and the frames it decoded
            var minutes = Number(closing, "videoMin");
            Assert.InRange(minutes, 0.005, 10);
            Assert.Equal(cpu / minutes, Number(closing, "perMin"), 0.06 + cpu / minutes * (0.05 / cpu + 0.005 / minutes));
            Assert.InRange(Number(closing, "frames"), minutes * 60 * 10, minutes * 60 * 61); // 10-60 fps clips
            Assert.InRange(Number(closing, "share"), 0.01, 1);
            var marks = closing.Groups["marks"].Value.Split('/').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(4, marks.Count);
            Assert.All(marks, m => Assert.InRange(m, 50, Number(closing, "peak")));
            Assert.Equal(4, Marks().Matches(output).Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Bench_refuses_a_folder_without_videos()
    {
        var dir = Directory.CreateTempSubdirectory("adsrec-bench-empty-").FullName;
        try
        {
            var (code, _, error) = await CliProcess.RunBenchAsync("--clips", dir);
            Assert.Equal(2, code);
            Assert.Contains("holds no videos", error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"^whole-run videos=(?<videos>\d+) wall_s=(?<wall>[\d.]+) per_video_ms=(?<perVideo>[\d.]+) steady_ms_per_video=(?<steady>[\d.]+|n/a) ffmpeg_s=(?<ffmpeg>[\d.]+) ratio=(?<ratio>[\d.]+) peak_rss_mb=(?<peak>\d+) rss_mb_at_25_50_75_100=(?<marks>[\d/]+) cpu_s=(?<cpu>[\d.]+) jit_s=(?<jit>[\d.]+) ffmpeg_cpu_s=(?<ffmpegCpu>[\d.]+) cpu_ratio=(?<cpuRatio>[\d.]+) floor_ratio=(?<floor>[\d.]+) video_min=(?<videoMin>[\d.]+) cpu_s_per_video_min=(?<perMin>[\d.]+) frames=(?<frames>\d+) decoded_share=(?<share>[\d.]+)$", RegexOptions.Multiline)]
    private static partial Regex WholeRun();

    [GeneratedRegex(@"process CPU time: \d+\.\d\d \((?<faceCpu>\d+) ms vs \d+ ms")]
    private static partial Regex FaceCpu();

    [GeneratedRegex(@"^  \d videos recorded at [\d.]+ s: RSS \d+ MB, managed objects \d+ MB, GC committed \d+ MB$", RegexOptions.Multiline)]
    private static partial Regex Marks();

    private static double Number(Match m, string group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^  \S+: \d+x\d+, (?<frames>\d+) frames .*; decode (?<decode>\d+) ms, detect (?<detect>\d+) ms, embed (?<embed>\d+) ms; ratio (?<ratio>\d+\.\d\d) ", RegexOptions.Multiline)]
    private static partial Regex PerVideo();

    [GeneratedRegex(@"face stage / decode only: (?<ratio>\d+\.\d\d) \((?<face>\d+) ms vs (?<decodeOnly>\d+) ms for the same frames\)")]
    private static partial Regex Summary();

    [GeneratedRegex(@"per video: median (?<median>\d+\.\d\d), largest (?<largest>\d+\.\d\d), (?<atMost2>\d+) of 2 at most 2")]
    private static partial Regex PerVideoSummary();

    [GeneratedRegex(@"time shares: download (?<download>[\d.]+)%, decode (?<decode>[\d.]+)%, detect (?<detect>[\d.]+)%, embed (?<embed>[\d.]+)%")]
    private static partial Regex Shares();
}
