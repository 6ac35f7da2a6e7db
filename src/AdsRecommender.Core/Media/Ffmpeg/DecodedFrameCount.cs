using System.Globalization;
using System.Text.RegularExpressions;

namespace AdsRecommender.Core.Media.Ffmpeg;

/// <summary>
/// How many frames the ffmpeg decoder decodes to sample a video: each segment of its plan (<see cref="KeyFramePlan"/>)
/// decoded by ffmpeg to nowhere with the segment's skip, its frames counted by timestamp. For the benchmark's share of
/// frames decoded; nothing is converted.
/// </summary>
internal static partial class DecodedFrameCount
{
    public static long Of(string path, FrameSkip skip, KeyFrameDecoding keyFrames)
    {
        var probe = FfmpegProbe.Run(path, KeyFramePlan.Applies(skip, keyFrames));
        long count = 0;
        foreach (var segment in KeyFramePlan.For(path, probe, skip, keyFrames))
        {
            var arguments = new List<string> { "-hide_banner", "-nostats", "-nostdin", "-loglevel", "info", "-threads", "1" };
            if (segment.Skip != FrameSkip.None) arguments.AddRange(["-skip_frame", segment.Skip == FrameSkip.NonKey ? "nokey" : "noref"]);
            if (double.IsFinite(segment.StartSeconds))
                arguments.AddRange(["-ss", Math.Max(0, segment.StartSeconds - 0.5 / probe.Fps).ToString("R", CultureInfo.InvariantCulture)]);
            if (segment.End is { } end)
                arguments.AddRange(["-t", ((end - segment.Start + 0.5) / probe.Fps).ToString("R", CultureInfo.InvariantCulture)]);
            arguments.AddRange(["-copyts", .. FfmpegProbe.InputOptions, "-i", FfmpegProbe.Url(path), "-map", "0:V:0", "-vf", "showinfo", "-f", "null", "-"]);
            using var process = FfmpegPrograms.Start("ffmpeg", arguments);
            while (process.StandardError.ReadLine() is { } line)
            {
                var shown = ShowInfoLine().Match(line);
                if (!shown.Success || !double.TryParse(shown.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t)) continue;
                var index = probe.Fps > 0 ? (long)Math.Round((t - probe.StartSeconds) * probe.Fps) : 0;
                if (index >= segment.Start && (segment.End is not { } e || index < e)) count++;
            }
            process.WaitForExit();
        }
        return count;
    }

    [GeneratedRegex(@"Parsed_showinfo.*\] n:\s*\d+ .*pts_time:(\S+)")]
    private static partial Regex ShowInfoLine();
}
