using System.Globalization;
using System.Text.Json;

namespace AdsRecommender.Core.Media.Ffmpeg;

/// <summary>
/// A video's first video stream as <c>ffprobe</c> reports it (headers only, nothing decoded): stored size, rate, frame
/// count (0 when unknown), start time and the display rotation; on request the display times of its key frames, from the
/// packets' flags (the container is read, nothing decoded). Only local files of the containers <see cref="VideoSniffer"/> accepts are opened.
/// An MP4/MOV file's record is read in this process when it can be to exactly this (<see cref="Mp4Index"/>, <see cref="Read"/>).
/// </summary>
internal sealed record FfmpegProbe(int Width, int Height, double Fps, long FrameCount, double StartSeconds, int Rotation)
{
    /// <summary>The key frames' display times in seconds, in order (empty unless asked for).</summary>
    public IReadOnlyList<double> KeyFrames { get; init; } = [];

    // FFmpeg's demuxer names for the containers VideoSniffer lets through; no playlists, no concat scripts, no images.
    public const string Containers = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,flv,mpeg,asf,mpegts";

    /// <summary>The input options both programs get: local files only, only those containers, quiet about anything but errors.</summary>
    public static IEnumerable<string> InputOptions => ["-protocol_whitelist", "file", "-format_whitelist", Containers];

    /// <summary>The display-order index of the frame shown at <paramref name="seconds"/> (timestamps are rounded to the time base).</summary>
    public long FrameIndex(double seconds) => (long)Math.Round((seconds - StartSeconds) * Fps);

    /// <summary>"file:" keeps a name starting with "-" or holding a colon from being read as an option or a protocol.</summary>
    public static string Url(string path) => "file:" + Path.GetFullPath(path);

    /// <summary>
    /// The record from the file's MP4 index read in this process (<see cref="IndexReader.InProcess"/>: the same record, without
    /// a program's start-up), else from <see cref="Run"/>; throws <see cref="VideoDecodeException"/> naming what is wrong with the file.
    /// </summary>
    public static FfmpegProbe Read(string path, bool keyFrames, IndexReader reader) =>
        (reader == IndexReader.InProcess ? Mp4Index.TryRead(path, keyFrames) : null) ?? Run(path, keyFrames);

    /// <summary>Probes <paramref name="path"/> with <c>ffprobe</c>; throws <see cref="VideoDecodeException"/> naming what is wrong with the file.</summary>
    public static FfmpegProbe Run(string path, bool keyFrames = false)
    {
        // the packets' flags in the same call: one ffprobe start-up per video (about 0.1 CPU-s each)
        var packets = keyFrames ? ":packet=pts_time,flags" : "";
        string[] arguments =
        [
            "-hide_banner", "-v", "error", .. InputOptions, "-select_streams", "V:0",
            "-show_entries", "stream=width,height,avg_frame_rate,r_frame_rate,nb_frames,duration,start_time:stream_side_data=rotation:format=duration" + packets,
            "-of", "json", Url(path),
        ];
        using var process = FfmpegPrograms.Start("ffprobe", arguments);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new VideoDecodeException($"not a decodable video ({LastLine(error.Result).Replace(Url(path) + ": ", "", StringComparison.Ordinal)}; the container could not be opened, the file may be truncated or not a video)");
        return Parse(output);
    }

    /// <summary>Reads <c>ffprobe -of json</c>'s answer (see <see cref="Run"/>).</summary>
    public static FfmpegProbe Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
            throw new VideoDecodeException("no video stream in the file");
        var stream = streams[0];
        int width = (int)Number(stream, "width"), height = (int)Number(stream, "height");
        if (width <= 0 || height <= 0) throw new VideoDecodeException("no decoder for the video's codec (no frame size)");
        var fps = Rational(stream, "avg_frame_rate") is > 0 and var average ? average : Rational(stream, "r_frame_rate");
        var frames = (long)Number(stream, "nb_frames");
        if (frames <= 0)
        {
            // as OpenCV estimates it: the duration (the stream's, else the file's) times the rate
            var seconds = Number(stream, "duration") is > 0 and var d ? d
                : root.TryGetProperty("format", out var format) ? Number(format, "duration") : 0;
            frames = seconds > 0 && fps > 0 ? (long)Math.Floor(seconds * fps + 0.5) : 0;
        }
        var rotation = 0;
        if (stream.TryGetProperty("side_data_list", out var sides))
            foreach (var side in sides.EnumerateArray())
                if (side.TryGetProperty("rotation", out _)) rotation = Clockwise(Number(side, "rotation"));
        return new FfmpegProbe(width, height, fps, frames, Number(stream, "start_time"), rotation) { KeyFrames = KeyTimes(root) };
    }

    private static List<double> KeyTimes(JsonElement root)
    {
        var keys = new List<double>();
        if (root.TryGetProperty("packets", out var packets))
            foreach (var p in packets.EnumerateArray())
                if (p.TryGetProperty("flags", out var flags) && flags.GetString()?.Contains('K', StringComparison.Ordinal) == true && p.TryGetProperty("pts_time", out _))
                    keys.Add(Number(p, "pts_time"));
        keys.Sort();
        return keys;
    }

    /// <summary>Degrees clockwise the frames must turn to stand as displayed (0, 90, 180, 270), as OpenCV reads the display matrix.</summary>
    private static int Clockwise(double counterClockwise)
    {
        if (double.IsNaN(counterClockwise)) return 0;
        var angle = -(int)Math.Round(counterClockwise);
        angle = ((angle % 360) + 360) % 360;
        return angle is 90 or 180 or 270 ? angle : 0;
    }

    /// <summary>A number ffprobe prints as a number or a string ("N/A" and missing: 0).</summary>
    private static double Number(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return 0;
        if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        return v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
    }

    /// <summary>"30000/1001" as a number; 0 for "0/0" or missing.</summary>
    private static double Rational(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.GetString() is not { } text) return 0;
        var parts = text.Split('/');
        return parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var num)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var den) && den != 0 ? num / den : 0;
    }

    /// <summary>The last non-empty line a program wrote to its error output (FFmpeg's reason), or a placeholder.</summary>
    public static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no reason given";
}
