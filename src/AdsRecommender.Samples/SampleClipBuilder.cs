using System.Diagnostics;
using System.Globalization;

namespace AdsRecommender.Samples;

/// <summary>
/// Composes the demo's ad clips with ffmpeg (H.264, 640x360, 25 fps): a short faceless intro and then the photo slowly
/// zooming; two photos side by side; a plain title card; real videos are copied. Existing clips are kept (rerunning the
/// demo does not re-encode).
/// </summary>
public sealed class SampleClipBuilder(string dataDir)
{
    private const int W = 640, H = 360, Fps = 25;

    public async Task<string> BuildAsync(SampleClip clip, string outputDir, CancellationToken ct)
    {
        Directory.CreateDirectory(outputDir);
        var path = Path.Combine(outputDir, clip.Name + ".mp4");
        if (File.Exists(path)) return path;
        var temp = Path.Combine(outputDir, $".{clip.Name}.{Guid.NewGuid():N}.mp4");
        try
        {
            if (clip.Video is not null)
                File.Copy(Path.Combine(dataDir, clip.Video), temp);
            else
                await RunFfmpegAsync(Arguments(clip, temp), ct);
            File.Move(temp, path);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return path;
    }

    public IReadOnlyList<string> Arguments(SampleClip clip, string output)
    {
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" };
        string graph;
        const string intro = "color=c=0x1d3557:s=640x360:r=25:d=0.8,drawbox=x=80:y=90:w=200:h=60:color=white@0.8:t=fill,format=yuv420p[intro];";
        switch (clip.Photos.Count)
        {
            case 0:
                graph = "color=c=0x1d3557:s=640x360:r=25:d=1.5,drawbox=x=80:y=90:w=200:h=60:color=white@0.8:t=fill," +
                        "drawbox=x=320:y=180:w=220:h=40:color=0xffcc00:t=fill,format=yuv420p[out]";
                break;
            case 1:
                Photo(args, clip.Photos[0], 2.0);
                graph = intro +
                        "color=c=0x303030:s=640x360:r=25:d=2[bg];" +
                        "[0:v]scale=w=576:h=324:force_original_aspect_ratio=decrease:force_divisible_by=2," +
                        "scale=w='trunc(iw*(1+0.15*t/2)/2)*2':h=-2:eval=frame,setsar=1,format=rgba[p];" +
                        "[bg][p]overlay=x='(W-w)/2':y='(H-h)/2':eval=frame:shortest=1,format=yuv420p[face];" +
                        "[intro][face]concat=n=2:v=1:a=0,format=yuv420p[out]";
                break;
            case 2:
                Photo(args, clip.Photos[0], 2.0);
                Photo(args, clip.Photos[1], 2.0);
                graph = "color=c=0x303030:s=640x360:r=25:d=2[bg];" +
                        "[0:v]scale=w=294:h=330:force_original_aspect_ratio=decrease:force_divisible_by=2,setsar=1,format=rgba[l];" +
                        "[1:v]scale=w=220:h=250:force_original_aspect_ratio=decrease:force_divisible_by=2,setsar=1,format=rgba[r];" +
                        "[bg][l]overlay=x='(W/2-w)/2':y='(H-h)/2':shortest=1[m];" +
                        "[m][r]overlay=x='W/2+(W/2-w)/2':y='(H-h)/2':shortest=1,format=yuv420p[out]";
                break;
            default:
                throw new ArgumentException("a sample clip shows at most two photos", nameof(clip));
        }
        args.AddRange(["-filter_complex", graph, "-map", "[out]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
            "-pix_fmt", "yuv420p", "-r", Fps.ToString(CultureInfo.InvariantCulture), "-movflags", "+faststart", "-an", "-f", "mp4", output]);
        return args;
    }

    private void Photo(List<string> args, string relative, double seconds)
    {
        var path = Path.Combine(dataDir, relative);
        if (!File.Exists(path)) throw new FileNotFoundException($"sample photo missing: {path}", path);
        args.AddRange(["-loop", "1", "-framerate", Fps.ToString(CultureInfo.InvariantCulture),
            "-t", seconds.ToString("0.###", CultureInfo.InvariantCulture), "-i", path]);
    }

    private static async Task RunFfmpegAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process proc;
        try
        {
            proc = Process.Start(psi) ?? throw new InvalidOperationException("ffmpeg could not be started");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("ffmpeg is needed to build the demo clips (apt-get install ffmpeg): " + ex.Message, ex);
        }
        using (proc)
        {
            var stderr = proc.StandardError.ReadToEndAsync(CancellationToken.None);
            var stdout = proc.StandardOutput.ReadToEndAsync(CancellationToken.None);
            try
            {
                await proc.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                proc.Kill(entireProcessTree: true);
                throw;
            }
            var err = await stderr;
            await stdout;
            if (proc.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed ({proc.ExitCode}): {err.Trim()}");
        }
    }
}
