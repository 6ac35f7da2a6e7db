using System.Buffers.Binary;
using System.Text;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Media.Ffmpeg;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Media;

/// <summary>
/// Hostile and damaged MP4 files for the index read in this process (<see cref="Mp4Index"/>): sizes and counts that lie,
/// boxes out of order, cuts, random damage. Each is left to ffprobe (which reads it or names its problem as a
/// <see cref="VideoDecodeException"/>) after at most one bounded read: never another exception, a hang or a huge allocation.
/// </summary>
public sealed class Mp4IndexHostileTests
{
    /// <summary>A real clip's bytes (H.264, index first) to damage.</summary>
    private static async Task<byte[]> ClipBytes() => await File.ReadAllBytesAsync(await ClipMaker.GetAsync(TestClips.JolieA));

    /// <summary>Where box <paramref name="path"/> (e.g. "moov/trak/mdia/minf/stbl/stts") starts in <paramref name="file"/> (its size field).</summary>
    private static int Find(byte[] file, string path)
    {
        int start = 0, end = file.Length, at = -1;
        foreach (var type in path.Split('/'))
        {
            at = -1;
            for (var p = start; p + 8 <= end; p += (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(p)))
                if (Encoding.ASCII.GetString(file, p + 4, 4) == type) { at = p; break; }
            Assert.True(at >= 0, $"no {type} box in the clip");
            (start, end) = (at + 8, at + (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at)));
        }
        return at;
    }

    /// <summary>The damaged file is left to ffprobe, and the probe the product runs either reads it or throws <see cref="VideoDecodeException"/>.</summary>
    private static void LeftToFfprobe(byte[] file, string expectedReason)
    {
        using var dir = new TempFolder();
        var path = dir.File("damaged.mp4");
        File.WriteAllBytes(path, file);
        Assert.Null(Mp4Index.TryRead(path, keyFrames: true, out var reason));
        Assert.Contains(expectedReason, reason, StringComparison.Ordinal);
        try
        {
            FfmpegProbe.Read(path, keyFrames: true, IndexReader.InProcess);
        }
        catch (VideoDecodeException)
        {
            // ffprobe named the file's problem
        }
    }

    private static void WriteU32(byte[] file, int at, uint value) => BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at), value);

    [Fact]
    public async Task A_box_claiming_two_to_the_63_bytes_is_left_to_ffprobe_without_reading_it()
    {
        var file = await ClipBytes();
        var moov = Find(file, "moov");
        WriteU32(file, moov, 1); // a 64-bit size follows the type: overwrite the first 8 payload bytes (mvhd's header)
        BinaryPrimitives.WriteUInt64BigEndian(file.AsSpan(moov + 8), 1UL << 63);
        LeftToFfprobe(file, "box of");
    }

    [Fact]
    public async Task A_time_to_sample_table_claiming_two_to_the_31_entries_is_left_to_ffprobe()
    {
        var file = await ClipBytes();
        WriteU32(file, Find(file, "moov/trak/mdia/minf/stbl/stts") + 12, 1u << 31);
        LeftToFfprobe(file, "entries in a box with room for");
    }

    [Fact]
    public async Task Sync_samples_counted_beyond_the_samples_are_left_to_ffprobe()
    {
        var file = await ClipBytes();
        var stss = Find(file, "moov/trak/mdia/minf/stbl/stss");
        WriteU32(file, stss + 16, 100_000); // the first key frame's sample number, past the last sample
        LeftToFfprobe(file, "sync samples");
    }

    [Fact]
    public async Task A_sample_to_chunk_table_that_runs_backwards_is_left_to_ffprobe()
    {
        var file = await ClipBytes();
        var stsc = Find(file, "moov/trak/mdia/minf/stbl/stsc");
        WriteU32(file, stsc + 16, 2); // the first entry must start at chunk 1
        LeftToFfprobe(file, "sample-to-chunk");
    }

    [Fact]
    public async Task A_child_box_smaller_than_its_header_is_left_to_ffprobe_rather_than_looped_on()
    {
        var file = await ClipBytes();
        WriteU32(file, Find(file, "moov/trak/mdia/minf/stbl/stts"), 3);
        LeftToFfprobe(file, "box of 3 bytes");
    }

    [Fact]
    public async Task A_chunk_offset_past_the_end_of_the_file_is_left_to_ffprobe()
    {
        var file = await ClipBytes();
        WriteU32(file, Find(file, "moov/trak/mdia/minf/stbl/stco") + 16, uint.MaxValue - 16);
        LeftToFfprobe(file, "beyond the end of the file");
    }

    [Fact]
    public async Task A_clip_cut_anywhere_is_read_as_ffprobe_reads_it_or_left_to_ffprobe()
    {
        var whole = await ClipBytes();
        using var dir = new TempFolder();
        var path = dir.File("cut.mp4");
        foreach (var length in new[] { 0, 7, 20, 40, 100, 300, 1000, whole.Length / 3, whole.Length / 2, whole.Length - 1 })
        {
            await File.WriteAllBytesAsync(path, whole[..length]);
            Assert.Null(Mp4Index.TryRead(path, keyFrames: true)); // the index is first: any cut leaves the index or its frames short
            try
            {
                FfmpegProbe.Read(path, keyFrames: true, IndexReader.InProcess);
            }
            catch (VideoDecodeException)
            {
                // ffprobe named the file's problem
            }
        }
    }

    [Fact]
    public async Task Random_damage_to_the_index_never_escapes_as_another_exception()
    {
        var whole = await ClipBytes();
        var moov = Find(whole, "moov");
        var moovEnd = moov + (int)BinaryPrimitives.ReadUInt32BigEndian(whole.AsSpan(moov));
        using var dir = new TempFolder();
        var path = dir.File("damaged.mp4");
        var random = new Random(25);
        var (read, left) = (0, 0);
        for (var trial = 0; trial < 400; trial++)
        {
            var file = (byte[])whole.Clone();
            for (var n = random.Next(1, 4); n > 0; n--) file[random.Next(moov, moovEnd)] = (byte)random.Next(256);
            if (random.Next(4) == 0) WriteU32(file, random.Next(moov, moovEnd - 4) & ~3, (uint)random.Next() << random.Next(2)); // a lying 32-bit field
            await File.WriteAllBytesAsync(path, file);
            if (Mp4Index.TryRead(path, keyFrames: true) is { } probe)
            {
                read++;
                Assert.True(probe.FrameCount is > 0 and <= Mp4Index.MaxSamples && probe.KeyFrames.Count <= probe.FrameCount, $"trial {trial}: {probe}");
            }
            else left++;
        }
        Assert.True(read > 0 && left > 0, $"{read} read, {left} left to ffprobe: the damage should sometimes miss the tables and sometimes hit them");
    }
}
