using System.Globalization;

namespace AdsRecommender.Core.Media.Ffmpeg;

/// <summary>
/// How many frames the ffmpeg decoder decodes to sample a video: each segment of its plan (<see cref="KeyFramePlan"/>)
/// decoded by ffmpeg to nowhere with the segment's skip, its frames counted by timestamp. For the benchmark's share of
/// frames decoded; nothing is converted.
/// </summary>
internal static class DecodedFrameCount
{
    public static long Of(string path, FrameSkip skip, KeyFrameDecoding keyFrames, IndexReader reader = IndexReader.InProcess)
    {
        var probe = FfmpegProbe.Read(path, KeyFramePlan.Applies(skip, keyFrames), reader);
        long count = 0;
        foreach (var segment in KeyFramePlan.For(path, probe, skip, keyFrames))
        {
            var arguments = FfmpegRun.Leading();
            arguments.AddRange(segment.DecoderOptions(probe.Fps));
            if (segment.End is { } end)
                arguments.AddRange(["-t", ((end - segment.Start + 0.5) / probe.Fps).ToString("R", CultureInfo.InvariantCulture)]);
            arguments.AddRange(["-copyts", .. FfmpegProbe.InputOptions, "-i", FfmpegProbe.Url(path), "-map", "0:V:0", "-vf", "showinfo", "-f", "null", "-"]);
            using var process = FfmpegPrograms.Start("ffmpeg", arguments);
            while (process.StandardError.ReadLine() is { } line)
            {
                if (!FfmpegRun.TryShowInfo(line, out var t) || double.IsNaN(t)) continue;
                var index = probe.Fps > 0 ? probe.FrameIndex(t) : 0;
                if (index >= segment.Start && (segment.End is not { } e || index < e)) count++;
            }
            process.WaitForExit();
        }
        return count;
    }
}
