using System.Buffers.Binary;
using System.Text;

namespace AdsRecommender.Core.Media.Ffmpeg;

/// <summary>A file this reader leaves to <c>ffprobe</c>: unusual, damaged or beyond a bound (the reason is for tests and logs).</summary>
internal sealed class Mp4Unusual(string reason) : Exception(reason);

/// <summary>
/// ISO BMFF (MP4/MOV) boxes read with bounds: the file's first <c>moov</c> box into memory (never more than
/// <see cref="MaxMoovBytes"/>, never past the file's end) and a box's children by type. Anything out of bounds throws
/// <see cref="Mp4Unusual"/>, so a hostile size or count costs at most one bounded read.
/// </summary>
internal static class Mp4Boxes
{
    /// <summary>The largest index read (a 60-s 30-fps video's is about 20 kB; an hour of it a few MB).</summary>
    public const int MaxMoovBytes = 32 << 20;

    private const int MaxTopLevelBoxes = 10_000;

    /// <summary>The payload of the file's first top-level <c>moov</c> box, and the file's length.</summary>
    public static (byte[] Moov, long FileLength) ReadMoov(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(file);
        Span<byte> header = stackalloc byte[16];
        long position = 0;
        for (var n = 0; n < MaxTopLevelBoxes && position <= length - 8; n++)
        {
            var read = RandomAccess.Read(file, header, position);
            var (size, headerSize) = Size(header[..read], length - position);
            var type = Encoding.ASCII.GetString(header.Slice(4, 4));
            if (n == 0 && type != "ftyp") throw new Mp4Unusual("no ftyp box first"); // VideoSniffer's MP4/MOV; QuickTime without it goes to ffprobe
            if (type is "moof" or "mfra") throw new Mp4Unusual("fragmented MP4");
            if (type == "moov")
            {
                if (size - headerSize > MaxMoovBytes) throw new Mp4Unusual($"moov of {size} bytes");
                var moov = new byte[size - headerSize];
                if (RandomAccess.Read(file, moov, position + headerSize) != moov.Length) throw new Mp4Unusual("moov cut short");
                return (moov, length);
            }
            position += size;
        }
        throw new Mp4Unusual("no moov box");
    }

    /// <summary>A box's size and header size from its first bytes; it must end within <paramref name="room"/> bytes.</summary>
    private static (long Size, int HeaderSize) Size(ReadOnlySpan<byte> header, long room)
    {
        if (header.Length < 8) throw new Mp4Unusual("box header cut short");
        long size = BinaryPrimitives.ReadUInt32BigEndian(header);
        var headerSize = 8;
        if (size == 1)
        {
            if (header.Length < 16) throw new Mp4Unusual("box header cut short");
            var large = BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
            size = large > long.MaxValue ? long.MaxValue : (long)large;
            headerSize = 16;
        }
        else if (size == 0) size = room; // the box runs to the end of the file (or of its parent)
        if (size < headerSize || size > room) throw new Mp4Unusual($"box of {size} bytes where {room} remain");
        return (size, headerSize);
    }

    /// <summary>The children of a container box's payload, in order.</summary>
    public static List<(string Type, ReadOnlyMemory<byte> Payload)> Children(ReadOnlyMemory<byte> container)
    {
        var children = new List<(string, ReadOnlyMemory<byte>)>();
        var position = 0;
        while (container.Length - position >= 8)
        {
            var span = container.Span[position..];
            var (size, headerSize) = Size(span[..Math.Min(16, span.Length)], span.Length);
            children.Add((Encoding.ASCII.GetString(span.Slice(4, 4)), container.Slice(position + headerSize, (int)size - headerSize)));
            position += (int)size;
        }
        return children;
    }

    /// <summary>The one child of <paramref name="type"/> (null when absent; two of them are unusual: FFmpeg keeps the last).</summary>
    public static ReadOnlyMemory<byte>? Single(ReadOnlyMemory<byte> container, string type)
    {
        ReadOnlyMemory<byte>? found = null;
        foreach (var (t, payload) in Children(container))
            if (t == type)
                found = found is null ? payload : throw new Mp4Unusual($"two {type} boxes");
        return found;
    }

    /// <summary>The one child of <paramref name="type"/>, which must be there.</summary>
    public static ReadOnlyMemory<byte> Required(ReadOnlyMemory<byte> container, string type) =>
        Single(container, type) ?? throw new Mp4Unusual($"no {type} box");
}

/// <summary>Big-endian fields read from a box's payload in order; reading past its end throws <see cref="Mp4Unusual"/>.</summary>
internal ref struct Mp4Fields(ReadOnlySpan<byte> payload)
{
    private readonly ReadOnlySpan<byte> _payload = payload;
    private int _position;

    public readonly int Remaining => _payload.Length - _position;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining) throw new Mp4Unusual("box cut short");
        var taken = _payload.Slice(_position, count);
        _position += count;
        return taken;
    }

    public void Skip(int count) => Take(count);
    public byte U8() => Take(1)[0];
    public ushort U16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));
    public uint U32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));
    public int I32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));
    public ulong U64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));
    public long I64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));
    public string Type() => Encoding.ASCII.GetString(Take(4));

    /// <summary>A full box's version (its flags skipped).</summary>
    public byte Version()
    {
        var version = U8();
        Skip(3);
        return version;
    }

    /// <summary>A display matrix: nine 32-bit fields (a, b, u, c, d, v, x, y, w).</summary>
    public int[] Matrix()
    {
        var m = new int[9];
        for (var i = 0; i < 9; i++) m[i] = I32();
        return m;
    }

    /// <summary>A table's entry count, which must fit the rest of the box at <paramref name="entryBytes"/> each.</summary>
    public int Entries(int entryBytes)
    {
        var count = U32();
        if (count > (uint)(Remaining / entryBytes)) throw new Mp4Unusual($"{count} entries in a box with room for {Remaining / entryBytes}");
        return (int)count;
    }
}
