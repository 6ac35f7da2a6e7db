using System.Buffers.Binary;

namespace AdsRecommender.Core.Media.Ffmpeg;

/// <summary>An edit list FFmpeg's reading of which this reproduces: an empty edit of <paramref name="Empty"/>, then the media from
/// <paramref name="MediaTime"/> for <paramref name="Duration"/> (both durations in the movie's timescale).</summary>
internal sealed record Mp4Edit(long Duration, long MediaTime, long Empty);

/// <summary>A table of fixed-size big-endian entries inside a box's payload, read in place (nothing copied).</summary>
internal readonly record struct Mp4Table(ReadOnlyMemory<byte> Data, int Count, int EntryBytes)
{
    public static readonly Mp4Table Empty = new(ReadOnlyMemory<byte>.Empty, 0, 4);

    /// <summary>Entry <paramref name="i"/>'s 32-bit field <paramref name="field"/> (0-based).</summary>
    public uint At(int i, int field = 0) => BinaryPrimitives.ReadUInt32BigEndian(Data.Span.Slice(i * EntryBytes + field * 4, 4));

    /// <summary>Entry <paramref name="i"/> as one 64-bit number (co64).</summary>
    public ulong At64(int i) => BinaryPrimitives.ReadUInt64BigEndian(Data.Span.Slice(i * EntryBytes, 8));

    /// <summary>The table after a full box's version, flags and count; the count must fit the box.</summary>
    public static Mp4Table Read(ReadOnlyMemory<byte> box, int entryBytes)
    {
        var fields = new Mp4Fields(box.Span);
        fields.Version();
        var count = fields.Entries(entryBytes);
        return new Mp4Table(box.Slice(8, count * entryBytes), count, entryBytes);
    }
}

/// <summary>
/// The first video track of an MP4/MOV index as FFmpeg's mov demuxer reads it: its header (<c>tkhd</c>: size, display
/// matrix), edit list, media header (<c>mdhd</c>: timescale), sample description (<c>stsd</c>: codec, coded size) and sample
/// tables (<c>stts</c>, <c>ctts</c>, <c>stss</c>, <c>stsz</c>, <c>stsc</c>, <c>stco</c>/<c>co64</c>). Only what
/// <see cref="Mp4Index"/> can turn into exactly ffprobe's answer is accepted; anything else throws <see cref="Mp4Unusual"/>.
/// </summary>
internal sealed class Mp4Track
{
    private static readonly string[] Codecs = ["avc1", "avc3", "hev1", "hvc1"];

    public required long Timescale { get; init; }
    public required long MovieTimescale { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required int Rotation { get; init; }
    public required Mp4Edit? Edit { get; init; }
    public required Mp4Table Stts { get; init; }
    public required Mp4Table Ctts { get; init; }
    public required Mp4Table? Stss { get; init; }
    public required (uint SampleSize, Mp4Table Sizes) Stsz { get; init; }
    public required Mp4Table Stsc { get; init; }
    public required Mp4Table ChunkOffsets { get; init; }

    /// <summary>The first video track of <paramref name="moov"/>; every track before it must be audio.</summary>
    public static Mp4Track Read(ReadOnlyMemory<byte> moov)
    {
        var (movieTimescale, identity) = MovieHeader(Mp4Boxes.Required(moov, "mvhd"));
        if (!identity) throw new Mp4Unusual("movie display matrix");
        if (Mp4Boxes.Single(moov, "mvex") is not null) throw new Mp4Unusual("fragmented MP4");
        foreach (var (type, trak) in Mp4Boxes.Children(moov))
        {
            if (type != "trak") continue;
            var mdia = Mp4Boxes.Required(trak, "mdia");
            var handler = new Mp4Fields(Mp4Boxes.Required(mdia, "hdlr").Span);
            handler.Skip(8);
            var kind = handler.Type();
            if (kind == "vide") return Video(trak, mdia, movieTimescale);
            if (kind != "soun") throw new Mp4Unusual($"a {kind} track before the video"); // FFmpeg may take its codec for video
        }
        throw new Mp4Unusual("no video track");
    }

    private static Mp4Track Video(ReadOnlyMemory<byte> trak, ReadOnlyMemory<byte> mdia, long movieTimescale)
    {
        var (trackWidth, trackHeight, rotation) = TrackHeader(Mp4Boxes.Required(trak, "tkhd"));
        var stbl = Mp4Boxes.Required(Mp4Boxes.Required(mdia, "minf"), "stbl");
        if (Mp4Boxes.Single(stbl, "stps") is not null || Mp4Boxes.Single(stbl, "sbgp") is not null)
            throw new Mp4Unusual("partial sync samples or sample groups"); // FFmpeg takes more key frames from these
        var coded = SampleDescription(Mp4Boxes.Required(stbl, "stsd"));
        if (!SizesAgree((trackWidth, trackHeight), coded))
            throw new Mp4Unusual($"track {trackWidth / 65536.0}x{trackHeight / 65536.0}, coded {coded.Width}x{coded.Height}");
        var ctts = Mp4Boxes.Single(stbl, "ctts") is { } c ? Mp4Table.Read(c, 8) : Mp4Table.Empty;
        var stss = Mp4Boxes.Single(stbl, "stss") is { } s ? Mp4Table.Read(s, 4) : (Mp4Table?)null;
        var offsets = Mp4Boxes.Single(stbl, "co64") is { } co64 ? Mp4Table.Read(co64, 8) : Mp4Table.Read(Mp4Boxes.Required(stbl, "stco"), 4);
        return new Mp4Track
        {
            Timescale = MediaTimescale(Mp4Boxes.Required(mdia, "mdhd")), MovieTimescale = movieTimescale,
            Width = coded.Width, Height = coded.Height, Rotation = rotation, Edit = EditList(trak),
            Stts = Mp4Table.Read(Mp4Boxes.Required(stbl, "stts"), 8), Ctts = ctts, Stss = stss,
            Stsz = SampleSizes(Mp4Boxes.Required(stbl, "stsz")), Stsc = Mp4Table.Read(Mp4Boxes.Required(stbl, "stsc"), 12), ChunkOffsets = offsets,
        };
    }

    /// <summary>One size for every sample, or a table of them.</summary>
    private static (uint SampleSize, Mp4Table Sizes) SampleSizes(ReadOnlyMemory<byte> stsz)
    {
        var f = new Mp4Fields(stsz.Span);
        f.Version();
        var size = f.U32();
        if (size != 0) return (size, new Mp4Table(ReadOnlyMemory<byte>.Empty, (int)Math.Min(f.U32(), int.MaxValue), 4));
        var count = f.Entries(4);
        return (0, new Mp4Table(stsz.Slice(12, count * 4), count, 4));
    }

    private static (long Timescale, bool Identity) MovieHeader(ReadOnlyMemory<byte> mvhd)
    {
        var f = new Mp4Fields(mvhd.Span);
        var v1 = f.Version() == 1;
        f.Skip(v1 ? 16 : 8); // creation, modification
        var timescale = f.U32();
        f.Skip((v1 ? 8 : 4) + 4 + 2 + 10); // duration, rate, volume, reserved
        var m = f.Matrix();
        if (timescale == 0) throw new Mp4Unusual("movie timescale 0");
        return (timescale, m is [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000]);
    }

    /// <summary>Size (16.16) and clockwise rotation; only a whole-quarter turn without scaling or flipping is accepted.</summary>
    private static (long Width, long Height, int Rotation) TrackHeader(ReadOnlyMemory<byte> tkhd)
    {
        var f = new Mp4Fields(tkhd.Span);
        var v1 = f.Version() == 1;
        f.Skip(v1 ? 32 : 20); // times, track id, reserved, duration
        f.Skip(8 + 2 + 2 + 2 + 2); // reserved, layer, alternate group, volume, reserved
        var m = f.Matrix();
        long width = f.U32(), height = f.U32();
        if (m[2] != 0 || m[5] != 0 || m[8] != 0x40000000) throw new Mp4Unusual("perspective display matrix");
        // ffprobe's rotation is minus the angle of (a, b); OpenCV's and Clockwise turn that into this
        var rotation = (m[0], m[1], m[3], m[4]) switch
        {
            (0x10000, 0, 0, 0x10000) => 0,
            (0, 0x10000, -0x10000, 0) => 90,
            (-0x10000, 0, 0, -0x10000) => 180,
            (0, -0x10000, 0x10000, 0) => 270,
            _ => throw new Mp4Unusual("display matrix other than a quarter turn"),
        };
        return (width, height, rotation);
    }

    private static long MediaTimescale(ReadOnlyMemory<byte> mdhd)
    {
        var f = new Mp4Fields(mdhd.Span);
        f.Skip(f.Version() == 1 ? 16 : 8);
        return f.U32() is > 0 and var timescale ? timescale : throw new Mp4Unusual("media timescale 0");
    }

    /// <summary>The coded size and pixel aspect (<c>pasp</c>, else 1:1) of the one sample description, whose codec must be H.264 or HEVC.</summary>
    private static (int Width, int Height, long AspectNum, long AspectDen) SampleDescription(ReadOnlyMemory<byte> stsd)
    {
        var f = new Mp4Fields(stsd.Span);
        f.Version();
        if (f.U32() != 1) throw new Mp4Unusual("several sample descriptions");
        var entry = Mp4Boxes.Children(stsd[8..]) is [var only] ? only : throw new Mp4Unusual("sample description cut short");
        if (!Codecs.Contains(entry.Type)) throw new Mp4Unusual($"codec {entry.Type}");
        const int VisualFields = 78; // reserved, data reference, pre-defined, size, resolution, frame count, compressor, depth
        var fields = new Mp4Fields(entry.Payload.Span);
        fields.Skip(6 + 2 + 16);
        int width = fields.U16(), height = fields.U16();
        if (entry.Payload.Length < VisualFields) throw new Mp4Unusual("sample description cut short");
        if (Mp4Boxes.Single(entry.Payload[VisualFields..], "pasp") is not { } pasp) return (width, height, 1, 1);
        var aspect = new Mp4Fields(pasp.Span);
        return (width, height, aspect.U32(), aspect.U32());
    }

    /// <summary>
    /// Whether the track header's size (16.16) is the coded size with its width stretched by the pixel aspect, as FFmpeg
    /// writes it; otherwise the coded size is in doubt (a decoder's cropping may differ) and ffprobe is asked.
    /// </summary>
    private static bool SizesAgree((long Width, long Height) track, (int Width, int Height, long AspectNum, long AspectDen) coded)
    {
        if (track.Height != (long)coded.Height << 16 || coded.Width == 0 || coded.Height == 0) return false;
        var stretched = coded.AspectNum > 0 && coded.AspectDen > 0 ? ((long)coded.Width * 0x10000 * coded.AspectNum + coded.AspectDen / 2) / coded.AspectDen : 0;
        return track.Width == (long)coded.Width << 16 || Math.Abs(track.Width - stretched) <= 1;
    }

    /// <summary>
    /// The one plain edit (media time, duration in the movie's timescale, rate 1), after at most one empty edit (its duration:
    /// FFmpeg delays every frame by it), or none; anything else is unusual.
    /// </summary>
    private static Mp4Edit? EditList(ReadOnlyMemory<byte> trak)
    {
        if (Mp4Boxes.Single(trak, "edts") is not { } edts || Mp4Boxes.Single(edts, "elst") is not { } elst) return null;
        var f = new Mp4Fields(elst.Span);
        var v1 = f.Version() == 1;
        var count = f.Entries(v1 ? 20 : 12);
        if (count == 0) return null;
        long empty = 0;
        for (var i = 0; i < count; i++)
        {
            var duration = v1 ? (long)Math.Min(f.U64(), long.MaxValue / 4) : f.U32();
            var mediaTime = v1 ? f.I64() : f.I32();
            if (f.U32() != 0x10000) throw new Mp4Unusual("an edit at a rate other than 1");
            if (mediaTime == -1 && i == 0 && count == 2) empty = duration;
            else if (mediaTime >= 0 && i == count - 1) return new Mp4Edit(duration, mediaTime, empty);
            else throw new Mp4Unusual($"{count} edits other than an empty one and a plain one");
        }
        throw new Mp4Unusual("no plain edit");
    }
}
