using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AdsRecommender.Core.Media.Ffmpeg;

/// <summary>
/// One running <c>ffmpeg</c>: its raw frames on <see cref="Frames"/>, the timestamps <c>showinfo</c> logs for them (one
/// line per frame, written before the frame) read from its error output on a thread of its own, and its last other lines
/// for the reason when it fails.
/// </summary>
internal sealed partial class FfmpegRun : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<double> _timestamps = new();
    private readonly ConcurrentQueue<string> _lastLines = new();
    private readonly Thread _reader;

    private FfmpegRun(Process process)
    {
        _process = process;
        _reader = new Thread(ReadErrors) { IsBackground = true, Name = "ffmpeg stderr" };
        _reader.Start();
    }

    public static FfmpegRun Start(IEnumerable<string> arguments) => new(FfmpegPrograms.Start("ffmpeg", arguments));

    /// <summary>
    /// The options a decoding run starts with: one decoder thread (videos run in parallel instead), log level <c>info</c> so
    /// <c>showinfo</c>'s lines come, and <paramref name="maxPixels"/> as ffmpeg's own frame-size cap where it can take it.
    /// </summary>
    public static List<string> Leading(long? maxPixels = null)
    {
        var arguments = new List<string> { "-hide_banner", "-nostats", "-nostdin", "-loglevel", "info", "-threads", "1" };
        if (maxPixels is <= int.MaxValue and var cap) arguments.AddRange(["-max_pixels", cap.ToString(CultureInfo.InvariantCulture)]);
        return arguments;
    }

    public Stream Frames => _process.StandardOutput.BaseStream;

    /// <summary>The next frame's timestamp in seconds (NaN when it has none or ffmpeg logged none).</summary>
    public double NextTimestamp(TimeSpan deadline)
    {
        if (_timestamps.TryTake(out var seconds, deadline)) return seconds;
        if (!_timestamps.IsCompleted) throw new VideoDecodeException("ffmpeg wrote a frame but logged no timestamp for it in time");
        return double.NaN;
    }

    /// <summary>Waits for ffmpeg to end after its last frame; its last line when it failed, else null.</summary>
    public string? Finish()
    {
        _process.WaitForExit();
        _reader.Join();
        return _process.ExitCode == 0 ? null : string.Join(" / ", _lastLines.TakeLast(2));
    }

    public void Dispose()
    {
        FfmpegPrograms.Stop(_process);
        _reader.Join();
        _process.Dispose();
        _timestamps.Dispose();
    }

    private void ReadErrors()
    {
        try
        {
            while (_process.StandardError.ReadLine() is { } line)
            {
                if (TryShowInfo(line, out var t))
                {
                    _timestamps.Add(t);
                    continue;
                }
                // stream listings, frame side data, the closing statistics
                if (line.StartsWith(' ') || line.Contains("Parsed_showinfo", StringComparison.Ordinal) || line.StartsWith("frame=", StringComparison.Ordinal)
                    || line.StartsWith("video:", StringComparison.Ordinal)) continue;
                _lastLines.Enqueue(line.Trim());
                while (_lastLines.Count > 4) _lastLines.TryDequeue(out _);
            }
        }
        catch (IOException)
        {
            // the process was killed while its output was read
        }
        finally
        {
            _timestamps.CompleteAdding();
        }
    }

    /// <summary>Whether <paramref name="line"/> is <c>showinfo</c>'s line for a frame; its timestamp (NaN when unreadable).</summary>
    public static bool TryShowInfo(string line, out double seconds)
    {
        var shown = ShowInfoLine().Match(line);
        seconds = shown.Success && double.TryParse(shown.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : double.NaN;
        return shown.Success;
    }

    [GeneratedRegex(@"Parsed_showinfo.*\] n:\s*\d+ .*pts_time:(\S+)")]
    private static partial Regex ShowInfoLine();
}
