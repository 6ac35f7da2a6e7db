using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AdsRecommender.RunBench;

/// <summary>
/// CPU time of this process plus its ended child processes (getrusage RUSAGE_CHILDREN): the decoder is the ffmpeg program,
/// a child per video, whose CPU the process's own time leaves out.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Milliseconds of user + system CPU so far, this process and the children it has waited for.</summary>
    public static double Ms(Process self)
    {
        self.Refresh();
        return self.TotalProcessorTime.TotalMilliseconds + ChildrenMs();
    }

    private static double ChildrenMs()
    {
        if (!OperatingSystem.IsLinux() || getrusage(-1 /* RUSAGE_CHILDREN */, out var usage) != 0) return 0;
        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }

    // struct rusage on 64-bit Linux: ru_utime and ru_stime (struct timeval, two longs each), then 14 longs (144 bytes)
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);
}
