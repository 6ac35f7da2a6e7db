using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Media;
using AdsRecommender.Testing;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Media;

/// <summary>
/// Where the face stage's decoding CPU goes (docs/PERFORMANCE.md, "Decoding cheaper"): <see cref="FrameSampler.MeasureDecodeOnly"/>
/// over every video of <c>ADSREC_DECODE_DIRS</c> (colon-separated; default: the validation long ads and ../shared/data/videos),
/// with each <see cref="DecoderOutput"/>, rounds interleaved; prints this process's CPU (pipe, conversion, downscale) apart from
/// its ffmpeg and ffprobe children's (getrusage RUSAGE_CHILDREN).
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class DecodeCostMeasurement(ITestOutputHelper output)
{
    [MeasureFact]
    public void Decoding_cpu_in_this_process_and_in_ffmpeg()
    {
        var dirs = (Environment.GetEnvironmentVariable("ADSREC_DECODE_DIRS")
            ?? $"{Path.Combine(Path.GetTempPath(), "adsrec-long-ads", "validation")}:{SharedData.Videos}").Split(':');
        var rounds = int.Parse(Environment.GetEnvironmentVariable("ADSREC_DECODE_ROUNDS") ?? "3", CultureInfo.InvariantCulture);
        using var self = Process.GetCurrentProcess();
        foreach (var dir in dirs)
        {
            var videos = Directory.GetFiles(dir, "*.mp4").Order(StringComparer.Ordinal).ToList();
            for (var round = 1; round <= rounds; round++)
                foreach (var outputFormat in Enum.GetValues<DecoderOutput>())
                {
                    var sampler = new FrameSampler(new FaceSamplingOptions { DecoderOutput = outputFormat }.ToFrameSampling());
                    var (own, children, frames) = (OwnMs(self), ChildrenMs(), 0);
                    var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
                    foreach (var video in videos) frames += sampler.MeasureDecodeOnly(video).FramesSampled;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{Path.GetFileName(dir)} round {round} {outputFormat}: {videos.Count} videos, {frames} frames; this process {(OwnMs(self) - own) / 1000:0.00} CPU-s, ffmpeg and ffprobe {(ChildrenMs() - children) / 1000:0.00} CPU-s (load average {load})"));
                }
        }
    }

    private static double OwnMs(Process self)
    {
        self.Refresh();
        return self.TotalProcessorTime.TotalMilliseconds;
    }

    private static double ChildrenMs() =>
        getrusage(-1 /* RUSAGE_CHILDREN */, out var u) == 0 ? (u.UserSeconds + u.SystemSeconds) * 1000.0 + (u.UserMicroseconds + u.SystemMicroseconds) / 1000.0 : double.NaN;

    // struct rusage on 64-bit Linux: two struct timeval, then 14 longs (144 bytes)
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);
}
