using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AdsRecommender.Testing;

/// <summary>
/// Composes real H.264 (libx264, yuv420p, mp4) clips from photos with ffmpeg, for tests.
/// Clips are cached by a hash of the spec, the photos' sizes and times and the ffmpeg version under
/// <c>{temp}/adsrec-clips</c>, so repeated tests do not re-encode. Thread-safe.
/// </summary>
public static class ClipMaker
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new();
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Folder holding the cached clips (override with <c>ADSREC_CLIP_CACHE</c>).</summary>
    public static string CacheDir
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("ADSREC_CLIP_CACHE");
            return string.IsNullOrEmpty(env) ? Path.Combine(Path.GetTempPath(), "adsrec-clips") : env;
        }
    }

    /// <summary>Writes the clip for <paramref name="spec"/> to <paramref name="outputPath"/> (copied from the cache).</summary>
    public static async Task<string> MakeAsync(string outputPath, ClipSpec spec, CancellationToken ct = default)
    {
        var cached = await GetAsync(spec, ct).ConfigureAwait(false);
        var dir = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.Copy(cached, outputPath, overwrite: true);
        return outputPath;
    }

    /// <summary>Returns the path of the cached clip for <paramref name="spec"/>, encoding it first if needed. Do not modify the file.</summary>
    public static async Task<string> GetAsync(ClipSpec spec, CancellationToken ct = default)
    {
        Validate(spec);
        var key = Key(spec);
        var path = Path.Combine(CacheDir, key + ".mp4");
        if (File.Exists(path)) return path;
        var gate = Locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (File.Exists(path)) return path;
            Directory.CreateDirectory(CacheDir);
            var tmp = Path.Combine(CacheDir, $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp.mp4");
            try
            {
                await RunFfmpegAsync(BuildArguments(spec, tmp), ct).ConfigureAwait(false);
                File.Move(tmp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(tmp)) File.Delete(tmp);
            }
            return path;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The ffmpeg argument list for <paramref name="spec"/> (no shell involved).</summary>
    public static IReadOnlyList<string> BuildArguments(ClipSpec spec, string outputPath)
    {
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" };
        var graph = new StringBuilder();
        var inputs = 0;
        int W = spec.Width, H = spec.Height;
        for (var i = 0; i < spec.Segments.Count; i++)
        {
            var seg = spec.Segments[i];
            var d = F(seg.Seconds);
            if (seg is not (ColorSegment or SceneSegment))
                graph.Append($"color=c={spec.Background}:s={W}x{H}:r={spec.Fps}:d={d},format=rgba[bg{i}];");
            switch (seg)
            {
                case ColorSegment c:
                    graph.Append($"color=c={c.Color}:s={W}x{H}:r={spec.Fps}:d={d}");
                    if (c.WithShapes)
                        graph.Append($",drawbox=x={W / 8}:y={H / 4}:w={W / 4}:h={H / 6}:color=white@0.8:t=fill")
                             .Append($",drawbox=x={W / 2}:y={H / 2}:w={W / 3}:h={H / 10}:color=0xffcc00:t=fill");
                    graph.Append($",format=rgba[s{i}];");
                    break;
                case SceneSegment sc:
                    graph.Append(Scenery(sc, W, H, spec.Fps)).Append($",setsar=1,format=rgba[s{i}];");
                    break;
                case PhotoSegment p:
                {
                    AddPhotoInput(args, p.Photo, seg.Seconds, spec.Fps);
                    var k = inputs++;
                    graph.Append($"[{k}:v]format=rgb24");
                    if (p.Cover is { } b)
                        graph.Append($",drawbox=x=iw*{F(b.X)}:y=ih*{F(b.Y)}:w=iw*{F(b.Width)}:h=ih*{F(b.Height)}:color=black:t=fill");
                    if (p.Effects.HasFlag(PhotoEffects.Mirror)) graph.Append(",hflip");
                    if (p.Effects.HasFlag(PhotoEffects.Grayscale)) graph.Append(",hue=s=0");
                    if (p.Effects.HasFlag(PhotoEffects.ColourShift)) graph.Append(",hue=h=30");
                    if (p.Effects.HasFlag(PhotoEffects.Dark)) graph.Append(",colorlevels=romax=0.3:gomax=0.3:bomax=0.3");
                    var mw = Even(W * p.Scale);
                    var mh = Even(H * p.Scale);
                    graph.Append($",scale=w={mw}:h={mh}:force_original_aspect_ratio=decrease:force_divisible_by=2");
                    if (p.Effects.HasFlag(PhotoEffects.Blur)) graph.Append(",boxblur=2:1");
                    if (p.Motion == PhotoMotion.ZoomIn)
                        graph.Append($",scale=w='trunc(iw*(1+0.15*t/{d})/2)*2':h=-2:eval=frame");
                    graph.Append($",setsar=1,format=rgba[p{i}];");
                    var x = p.Motion == PhotoMotion.Pan ? $"(W-w)/2+60*(t/{d}-0.5)" : "(W-w)/2";
                    graph.Append($"[bg{i}][p{i}]overlay=x='{x}':y='(H-h)/2':eval=frame:shortest=1,format=rgba[s{i}];");
                    break;
                }
                case SideBySideSegment s:
                {
                    AddPhotoInput(args, s.LeftPhoto, seg.Seconds, spec.Fps);
                    var l = inputs++;
                    AddPhotoInput(args, s.RightPhoto, seg.Seconds, spec.Fps);
                    var r = inputs++;
                    graph.Append($"[{l}:v]scale=w={Even(W / 2.0 * 0.92)}:h={Even(H * 0.92)}:force_original_aspect_ratio=decrease:force_divisible_by=2,setsar=1,format=rgba[l{i}];");
                    graph.Append($"[{r}:v]scale=w={Even(W / 2.0 * s.RightScale)}:h={Even(H * s.RightScale)}:force_original_aspect_ratio=decrease:force_divisible_by=2,setsar=1,format=rgba[r{i}];");
                    graph.Append($"[bg{i}][l{i}]overlay=x='(W/2-w)/2':y='(H-h)/2':shortest=1[m{i}];");
                    graph.Append($"[m{i}][r{i}]overlay=x='W/2+(W/2-w)/2':y='(H-h)/2':shortest=1,format=rgba[s{i}];");
                    break;
                }
                default:
                    throw new ArgumentException($"Unknown segment type {seg.GetType().Name}.", nameof(spec));
            }
        }
        for (var i = 0; i < spec.Segments.Count; i++) graph.Append($"[s{i}]");
        graph.Append($"concat=n={spec.Segments.Count}:v=1:a=0,format=yuv420p[out]");
        args.AddRange(["-filter_complex", graph.ToString(), "-map", "[out]",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", spec.Crf.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p",
            "-r", spec.Fps.ToString(CultureInfo.InvariantCulture), "-movflags", "+faststart", "-an", "-f", "mp4", outputPath]);
        return args;
    }

    /// <summary>The filter chain of a face-less scenery shot (no input file): a moving synthetic texture and a sliding box.</summary>
    private static string Scenery(SceneSegment s, int w, int h, int fps)
    {
        var d = F(s.Seconds);
        var trim = $",trim=duration={d},setpts=PTS-STARTPTS";
        var texture = (s.Kind % 4) switch
        {
            0 => $"gradients=s={w}x{h}:r={fps}:d={d}:speed=0.02:seed={s.Seed}:c0=0x2a4d69:c1=0xe8a33d:c2=0x4b86b4:n=3",
            1 => $"life=s={w / 8}x{h / 8}:r={fps}:mold=10:ratio=0.3:seed={s.Seed}:life_color=0xd9c27a:death_color=0x35506b:mold_color=0x1c2b3a{trim},scale={w}x{h}:flags=bilinear",
            2 => $"cellauto=s={w / 4}x{h / 4}:r={fps}:rule=110:random_fill_ratio=0.5:random_seed={s.Seed}{trim},scale={w}x{h}:flags=bilinear,hue=h={30 * s.Seed}:s=0.6,colorlevels=rimax=0.9",
            _ => $"testsrc2=s={w}x{h}:r={fps}:d={d},hue=h={40 * s.Seed}:s=0.7",
        };
        return texture + $",drawbox=x='t*{60 + 10 * s.Seed}-{w}*floor(t*{60 + 10 * s.Seed}/{w})':y={h / 3}:w={w / 5}:h={h / 4}:color=0xf0f0f0@0.9:t=fill";
    }

    private static void AddPhotoInput(List<string> args, string photo, double seconds, int fps)
    {
        if (!File.Exists(photo)) throw new FileNotFoundException($"Photo for clip not found: {photo}", photo);
        args.AddRange(["-loop", "1", "-framerate", fps.ToString(CultureInfo.InvariantCulture), "-t", F(seconds), "-i", photo]);
    }

    private static void Validate(ClipSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Segments.Count == 0) throw new ArgumentException("A clip needs at least one segment.", nameof(spec));
        if (spec.Width < 32 || spec.Height < 32 || spec.Width % 2 != 0 || spec.Height % 2 != 0)
            throw new ArgumentException("Width and height must be even and at least 32.", nameof(spec));
        if (spec.Crf is < 0 or > 51) throw new ArgumentException("CRF must be in 0..51.", nameof(spec));
        if (spec.Segments.Any(s => s.Seconds <= 0 || s.Seconds > 60))
            throw new ArgumentException("Segment durations must be in (0, 60] seconds.", nameof(spec));
    }

    private static string Key(ClipSpec spec)
    {
        var sb = new StringBuilder("v1|");
        sb.Append(JsonSerializer.Serialize(spec.Segments, Json)).Append('|')
          .Append(spec.Width).Append('x').Append(spec.Height).Append('@').Append(spec.Fps).Append('|').Append(spec.Background);
        if (spec.Crf != 23) sb.Append("|crf").Append(spec.Crf); // keys of clips made before the setting existed stay the same
        sb.Append("|ffmpeg:").Append(CacheKeys.Ffmpeg); // another ffmpeg (libx264) encodes other pixels
        foreach (var photo in spec.Segments.SelectMany(Photos))
        {
            var fi = new FileInfo(photo);
            sb.Append('|').Append(fi.FullName).Append(':').Append(fi.Exists ? fi.Length : -1).Append(':')
              .Append(fi.Exists ? fi.LastWriteTimeUtc.Ticks : 0);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..24];
    }

    private static IEnumerable<string> Photos(ClipSegment s) => s switch
    {
        PhotoSegment p => [p.Photo],
        SideBySideSegment b => [b.LeftPhoto, b.RightPhoto],
        _ => [],
    };

    /// <summary>Runs the ffmpeg program with <paramref name="args"/>; throws with its error output when it fails or passes its deadline.</summary>
    public static async Task RunFfmpegAsync(IReadOnlyList<string> args, CancellationToken ct = default)
    {
        var result = await ChildProcess.RunAsync("ffmpeg", args, Deadline.Run, ct: ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed with exit code {result.ExitCode}: {result.Error.Trim()}");
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
    private static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);
}
