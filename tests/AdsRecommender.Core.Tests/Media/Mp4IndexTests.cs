using System.Globalization;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Media.Ffmpeg;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Media;

/// <summary>
/// The MP4 index read in this process (<see cref="Mp4Index"/>) against <c>ffprobe</c> as the oracle, on real files: the
/// shared videos, the long ads of every exported split, a spread of the tests' cached clips, and clips re-muxed or
/// re-encoded here the ways the product meets them (rotated, odd size, B-frames or none, other rates, HEVC, MOV, an
/// audio track first, no edit list, the index at the end). A file the reader leaves to ffprobe must be one it should.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class Mp4IndexTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Every difference between the two records, empty when they are the same to the microsecond.</summary>
    internal static List<string> Differences(FfmpegProbe ffprobe, FfmpegProbe here)
    {
        var differences = new List<string>();
        void Check(string name, object a, object b)
        {
            if (!Equals(a, b)) differences.Add($"{name}: ffprobe {a}, here {b}");
        }
        Check("width", ffprobe.Width, here.Width);
        Check("height", ffprobe.Height, here.Height);
        Check("fps", ffprobe.Fps, here.Fps);
        Check("frames", ffprobe.FrameCount, here.FrameCount);
        Check("start", ffprobe.StartSeconds, here.StartSeconds);
        Check("rotation", ffprobe.Rotation, here.Rotation);
        Check("key frames", ffprobe.KeyFrames.Count, here.KeyFrames.Count);
        foreach (var (a, b) in ffprobe.KeyFrames.Zip(here.KeyFrames).Where(p => p.First != p.Second).Take(3))
            differences.Add($"key frame at {a.ToString("R", CultureInfo.InvariantCulture)} read as {b.ToString("R", CultureInfo.InvariantCulture)}");
        return differences;
    }

    /// <summary>"name: what differs" for each file whose record differs, and the files left to ffprobe with the reason.</summary>
    internal static (List<string> Differing, List<string> LeftToFfprobe) Compare(IEnumerable<string> paths)
    {
        var (differing, left) = (new List<string>(), new List<string>());
        foreach (var path in paths)
            foreach (var keyFrames in new[] { true, false })
            {
                var here = Mp4Index.TryRead(path, keyFrames, out var unusual);
                if (here is null)
                {
                    if (keyFrames) left.Add($"{Path.GetFileName(path)} ({unusual})");
                    continue;
                }
                var differences = Differences(FfmpegProbe.Run(path, keyFrames), here);
                if (differences.Count > 0) differing.Add($"{path} (key frames {keyFrames}): {string.Join("; ", differences)}");
            }
        return (differing, left);
    }

    private static IEnumerable<string> Videos(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".mov", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            : [];

    [Fact]
    public void The_shared_videos_and_the_exported_long_ads_read_here_equal_ffprobes_record()
    {
        // more folders (the demo's clips, other runs' downloads) with ADSREC_PROBE_FOLDERS, separated as PATH is
        var more = (Environment.GetEnvironmentVariable("ADSREC_PROBE_FOLDERS") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var paths = new[] { Path.Combine(SharedData.Dir, "data"), Path.Combine(Path.GetTempPath(), "adsrec-long-ads") }.Concat(more).SelectMany(Videos).ToList();
        Assert.NotEmpty(paths);
        var (differing, left) = Compare(paths);
        Assert.True(differing.Count == 0, string.Join("\n", differing));
        Assert.True(left.Count == 0, "left to ffprobe: " + string.Join(", ", left));
    }

    [Fact]
    public async Task A_spread_of_the_tests_cached_clips_read_here_equals_ffprobes_record()
    {
        // every clip with ADSREC_PROBE_EVERY_CLIP=1 (thousands: minutes of ffprobe); else 40 spread over the cache by name
        var all = Videos(ClipMaker.CacheDir).ToList();
        var every = Environment.GetEnvironmentVariable("ADSREC_PROBE_EVERY_CLIP") == "1";
        var step = every ? 1 : Math.Max(1, all.Count / 40);
        var paths = all.Where((_, i) => i % step == 0).ToList();
        if (paths.Count == 0) paths.Add(await ClipMaker.GetAsync(TestClips.JolieA));
        var (differing, left) = Compare(paths);
        Assert.True(differing.Count == 0, string.Join("\n", differing));
        Assert.True(left.Count == 0, "left to ffprobe: " + string.Join(", ", left));
    }

    [MeasureFact]
    public void Every_video_under_the_given_folders_reads_here_as_ffprobe_reads_it()
    {
        // ADSREC_PROBE_FOLDERS (separated as PATH is); each file's outcome appended to ADSREC_PROBE_LOG as it is known
        var folders = (Environment.GetEnvironmentVariable("ADSREC_PROBE_FOLDERS") ?? ClipMaker.CacheDir).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var log = Environment.GetEnvironmentVariable("ADSREC_PROBE_LOG") ?? Path.Combine(Path.GetTempPath(), "adsrec-probe-sweep.log");
        var paths = folders.SelectMany(Videos).Distinct().ToList();
        int same = 0, left = 0, differing = 0;
        Parallel.ForEach(paths, new ParallelOptions { MaxDegreeOfParallelism = 2 }, path =>
        {
            var here = Mp4Index.TryRead(path, keyFrames: true, out var unusual);
            string line;
            if (here is null) (line, _) = ($"left {path} ({unusual})", Interlocked.Increment(ref left));
            else
            {
                List<string> differences;
                try { differences = Differences(FfmpegProbe.Run(path, keyFrames: true), here); }
                catch (VideoDecodeException e) { differences = [$"ffprobe: {e.Message}"]; }
                (line, _) = differences.Count == 0 ? ($"same {path}", Interlocked.Increment(ref same)) : ($"DIFF {path}: {string.Join("; ", differences)}", Interlocked.Increment(ref differing));
            }
            lock (paths) File.AppendAllText(log, line + "\n");
        });
        output.WriteLine($"{paths.Count} files: {same} the same, {left} left to ffprobe, {differing} differ (each in {log})");
        Assert.Equal(0, differing);
    }

    public static TheoryData<string, string[], bool> Remuxes => new()
    {
        // name, ffmpeg's output arguments after "-i source", read here (false: left to ffprobe)
        { "rotated_90.mp4", ["-c", "copy", "-metadata:s:v:0", "rotate=90"], true },
        { "rotated_180.mp4", ["-c", "copy", "-metadata:s:v:0", "rotate=180"], true },
        { "rotated_270.mp4", ["-c", "copy", "-metadata:s:v:0", "rotate=270"], true },
        { "odd_427x241.mp4", ["-vf", "scale=427:241", "-c:v", "libx264", "-pix_fmt", "yuv444p"], true },
        { "no_bframes.mp4", ["-c:v", "libx264", "-bf", "0"], true },
        { "pyramid_bframes.mp4", ["-c:v", "libx264", "-bf", "3", "-x264-params", "b-pyramid=normal", "-g", "12"], true },
        { "ntsc_rate.mp4", ["-vf", "fps=30000/1001", "-c:v", "libx264"], true },
        { "rate_60.mp4", ["-vf", "fps=60", "-c:v", "libx264", "-g", "30"], true },
        { "rate_12.5.mp4", ["-vf", "fps=25/2", "-c:v", "libx264"], true },
        { "variable_rate.mp4", ["-vf", "setpts='if(lt(N,20),N*2,N+20)/TB/50'", "-fps_mode", "vfr", "-c:v", "libx264"], true },
        { "hevc.mp4", ["-c:v", "libx265", "-x265-params", "log-level=error"], true },
        { "hevc_hvc1.mov", ["-c:v", "libx265", "-x265-params", "log-level=error", "-tag:v", "hvc1"], true },
        { "quicktime.mov", ["-c", "copy"], true },
        { "index_at_end.mp4", ["-c", "copy", "-movflags", "-faststart"], true },
        { "no_edit_list.mp4", ["-c:v", "libx264", "-use_editlist", "0"], true },
        { "timescale_90k.mp4", ["-c", "copy", "-video_track_timescale", "90000"], true },
        { "fragmented.mp4", ["-c", "copy", "-movflags", "frag_keyframe+empty_moov"], false },
        { "cut_copy.mp4", ["-ss", "0.3", "-c", "copy"], false }, // starts between key frames: an edit FFmpeg discards frames for
        { "mpeg4_part2.mp4", ["-c:v", "mpeg4"], false },
        { "matroska.mkv", ["-c", "copy"], false },
    };

    [Theory]
    [MemberData(nameof(Remuxes))]
    public async Task A_clip_muxed_or_encoded_another_way_reads_as_ffprobe_reads_it_or_is_left_to_ffprobe(string name, string[] arguments, bool readHere)
    {
        using var dir = new TempFolder();
        var source = await ClipMaker.GetAsync(TestClips.JolieA);
        var path = dir.File(name);
        await ClipMaker.RunFfmpegAsync(["-y", "-v", "error", "-i", source, .. arguments, path]);
        var (differing, left) = Compare([path]);
        Assert.True(differing.Count == 0, string.Join("\n", differing));
        Assert.True(readHere == (left.Count == 0), readHere ? "left to ffprobe: " + string.Join(", ", left) : "read here, not left to ffprobe");
    }

    [Theory]
    [InlineData("-bf", "2")] // the plain edit starts at the B-frames' delay
    [InlineData("-bf", "0")]
    public async Task A_clip_delayed_by_an_empty_edit_reads_as_ffprobe_reads_it(string option, string value)
    {
        using var dir = new TempFolder();
        var source = await ClipMaker.GetAsync(TestClips.AnistonA);
        var encoded = dir.File("encoded.mp4");
        await ClipMaker.RunFfmpegAsync(["-y", "-v", "error", "-i", source, "-c:v", "libx264", option, value, encoded]);
        var path = dir.File("delayed.mp4");
        await ClipMaker.RunFfmpegAsync(["-y", "-v", "error", "-itsoffset", "0.7", "-i", encoded, "-c", "copy", path]);
        var (differing, left) = Compare([path]);
        Assert.True(differing.Count == 0, string.Join("\n", differing));
        Assert.Empty(left);
        Assert.True(FfmpegProbe.Run(path).StartSeconds > 0.6, "no empty edit written");
    }

    [Fact]
    public async Task A_clip_with_an_audio_track_first_is_read_by_its_video_track()
    {
        using var dir = new TempFolder();
        var source = await ClipMaker.GetAsync(TestClips.AnistonB);
        var path = dir.File("audio_first.mp4");
        await ClipMaker.RunFfmpegAsync(["-y", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-i", source,
            "-map", "0:a", "-map", "1:v", "-c:v", "copy", "-c:a", "aac", "-shortest", path]);
        var (differing, left) = Compare([path]);
        Assert.True(differing.Count == 0, string.Join("\n", differing));
        Assert.Empty(left);
    }
}

/// <summary>
/// The face stage's samples with the index read here and with ffprobe: the same frames (index, time, size). One real video
/// in the suite; every long ad of the validation split and every shared video with <c>ADSREC_MEASURE=1</c>.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class IndexReaderSamplesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static List<string> Samples(string path, IndexReader reader)
    {
        var options = new AdsRecommender.Core.Faces.FaceSamplingOptions { IndexReader = reader };
        var samples = new List<string>();
        foreach (var frame in new FrameSampler(options.ToFrameSampling()).Sample(path))
            using (frame)
                samples.Add(string.Create(CultureInfo.InvariantCulture, $"{frame.FrameIndex}@{frame.Seconds:R} {frame.Full.Width}x{frame.Full.Height}"));
        return samples;
    }

    private int Compare(IEnumerable<string> paths)
    {
        var count = 0;
        foreach (var path in paths)
        {
            var ffprobe = Samples(path, IndexReader.Ffprobe);
            var here = Samples(path, IndexReader.InProcess);
            Assert.NotEmpty(ffprobe);
            Assert.Equal(ffprobe, here);
            output.WriteLine($"{Path.GetFileName(path)}: {here.Count} samples, the same");
            count += here.Count;
        }
        return count;
    }

    [Fact]
    public void A_real_video_with_dense_key_frames_is_sampled_at_the_same_frames_with_either_reader() =>
        Compare([Path.Combine(SharedData.Videos, "obama_address__barack_obama.mp4")]); // key frames every second: the key-frame plan applies

    [MeasureFact]
    public void The_index_read_here_costs_this_process_little_cpu()
    {
        var ads = Directory.GetFiles(Path.Combine(Path.GetTempPath(), "adsrec-long-ads", "validation"), "*.mp4");
        foreach (var path in ads) Assert.NotNull(Mp4Index.TryRead(path, keyFrames: true)); // warm: JIT, file cache
        const int Rounds = 20;
        var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        for (var r = 0; r < Rounds; r++)
            foreach (var path in ads) Mp4Index.TryRead(path, keyFrames: true);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ads.Length} long ads x {Rounds}: {cpu.TotalMilliseconds / (Rounds * ads.Length):0.00} CPU-ms a read"));
    }

    [MeasureFact]
    public void The_long_ads_and_the_shared_videos_are_sampled_at_the_same_frames_with_either_reader()
    {
        var ads = Path.Combine(Path.GetTempPath(), "adsrec-long-ads", "validation");
        var paths = Directory.GetFiles(ads, "*.mp4").Concat(Directory.GetFiles(SharedData.Videos, "*.mp4")).Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"{paths.Count} videos, {Compare(paths)} samples, every one the same");
    }
}
