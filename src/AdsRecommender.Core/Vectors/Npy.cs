using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AdsRecommender.Core.Vectors;

/// <summary>
/// Minimal NumPy <c>.npy</c> support for float vectors and matrices.
/// Writes format 1.0, little-endian float32 (<c>'&lt;f4'</c>), C order, header padded with spaces so that
/// magic + header is a multiple of 64 bytes (as numpy itself does). Reads format 1.0/2.0/3.0 with
/// <c>'&lt;f4'</c> or <c>'&lt;f8'</c> (converted to float32); anything else is an <see cref="NpyFormatException"/>.
/// </summary>
public static partial class Npy
{
    // 0x93 is a single byte; a "\x93NUMPY"u8 literal would be UTF-8 encoded to two bytes.
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Largest element count accepted by the reader (guards against absurd shapes in a corrupt header).</summary>
    public const long MaxElements = 1L << 26;

    public static void WriteVector(Stream stream, ReadOnlySpan<float> data)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Write(stream, data, string.Create(CultureInfo.InvariantCulture, $"({data.Length},)"));
    }

    public static void WriteMatrix(Stream stream, ReadOnlySpan<float> data, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if ((long)rows * cols != data.Length)
            throw new ArgumentException($"data has {data.Length} values but shape is ({rows}, {cols}).", nameof(data));
        Write(stream, data, string.Create(CultureInfo.InvariantCulture, $"({rows}, {cols})"));
    }

    /// <summary>Bytes of a vector file, for stores that take byte arrays.</summary>
    public static byte[] VectorBytes(ReadOnlySpan<float> data)
    {
        using var ms = new MemoryStream();
        WriteVector(ms, data);
        return ms.ToArray();
    }

    /// <summary>Bytes of a matrix file whose rows are <paramref name="rows"/> (all the same length).</summary>
    public static byte[] MatrixBytes(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cols = rows.Count == 0 ? 0 : rows[0].Length;
        var flat = new float[rows.Count * cols];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != cols) throw new ArgumentException($"row {i} has {rows[i].Length} values, row 0 has {cols}.", nameof(rows));
            rows[i].CopyTo(flat, i * cols);
        }
        using var ms = new MemoryStream();
        WriteMatrix(ms, flat, rows.Count, cols);
        return ms.ToArray();
    }

    private static void Write(Stream stream, ReadOnlySpan<float> data, string shape)
    {
        var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}";
        // magic(6) + version(2) + header length(2) + dict + padding + '\n' == multiple of 64
        var unpadded = 10 + dict.Length + 1;
        var total = (unpadded + 63) / 64 * 64;
        var header = dict + new string(' ', total - unpadded) + "\n";
        Span<byte> prefix = stackalloc byte[10];
        Magic.CopyTo(prefix);
        prefix[6] = 1;
        prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], checked((ushort)header.Length));
        stream.Write(prefix);
        stream.Write(Encoding.ASCII.GetBytes(header));

        var buffer = new byte[Math.Min(data.Length, 16384) * 4];
        for (var start = 0; start < data.Length; start += buffer.Length / 4)
        {
            var n = Math.Min(buffer.Length / 4, data.Length - start);
            for (var i = 0; i < n; i++)
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), data[start + i]);
            stream.Write(buffer, 0, n * 4);
        }
    }

    public static NpyArray Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(stream, prefix, "magic and version");
        if (!prefix[..6].SequenceEqual(Magic))
            throw new NpyFormatException("Not a .npy file: the magic string \\x93NUMPY is missing.");
        int major = prefix[6], minor = prefix[7];
        int headerLength;
        Encoding headerEncoding;
        switch (major)
        {
            case 1:
                Span<byte> l1 = stackalloc byte[2];
                ReadExactly(stream, l1, "header length");
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(l1);
                headerEncoding = Encoding.Latin1;
                break;
            case 2:
            case 3:
                Span<byte> l2 = stackalloc byte[4];
                ReadExactly(stream, l2, "header length");
                var len = BinaryPrimitives.ReadUInt32LittleEndian(l2);
                if (len > 1 << 20) throw new NpyFormatException($"Header length {len} is implausibly large.");
                headerLength = (int)len;
                headerEncoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
                break;
            default:
                throw new NpyFormatException($"Unsupported .npy format version {major}.{minor} (supported: 1.0, 2.0, 3.0).");
        }
        if (minor != 0)
            throw new NpyFormatException($"Unsupported .npy format version {major}.{minor} (supported: 1.0, 2.0, 3.0).");

        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, "header");
        // The format's header ends with '\n'; a wrong header length (which would shift the data) lands elsewhere.
        if (headerLength == 0 || headerBytes[^1] != (byte)'\n')
            throw new NpyFormatException($"Header of {headerLength} bytes does not end with a newline: the header length is wrong.");
        var header = headerEncoding.GetString(headerBytes);
        var (descr, shape) = ParseHeader(header);

        long count = 1;
        foreach (var dim in shape)
        {
            count *= dim;
            if (count > MaxElements) throw new NpyFormatException($"Shape ({string.Join(", ", shape)}) is too large (more than {MaxElements} elements).");
        }

        var itemSize = descr == "<f4" ? 4 : 8;
        if (itemSize == 4 && BitConverter.IsLittleEndian)
        {
            // straight into the result: a shard of 50,000 rows is 25.6 MB, and a second copy of it churns the large-object heap
            var direct = new float[count];
            ReadExactly(stream, System.Runtime.InteropServices.MemoryMarshal.AsBytes(direct.AsSpan()), $"data ({count} values of {descr})");
            return new NpyArray(direct, shape);
        }
        var raw = new byte[checked((int)(count * itemSize))];
        ReadExactly(stream, raw, $"data ({count} values of {descr})");
        var data = new float[count];
        if (itemSize == 4)
            for (var i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4));
        else
            for (var i = 0; i < data.Length; i++) data[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(i * 8));
        return new NpyArray(data, shape);
    }

    public static NpyArray Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var ms = new MemoryStream(bytes, writable: false);
        return Read(ms);
    }

    private static (string Descr, int[] Shape) ParseHeader(string header)
    {
        var text = header.TrimEnd(' ', '\n', '\0');
        if (!text.StartsWith('{') || !text.EndsWith('}'))
            throw new NpyFormatException($"Header is not a Python dict literal: '{Shorten(text)}'.");

        var descr = DescrRegex().Match(text);
        if (!descr.Success) throw new NpyFormatException($"Header has no 'descr' entry: '{Shorten(text)}'.");
        var d = descr.Groups[1].Value;
        if (d is "<f4" or "=f4" or "f4") d = "<f4";
        else if (d is "<f8" or "=f8" or "f8") d = "<f8";
        else throw new NpyFormatException($"Unsupported dtype '{d}': only little-endian float32 '<f4' (or float64 '<f8') is accepted.");

        var fortran = FortranRegex().Match(text);
        if (!fortran.Success) throw new NpyFormatException($"Header has no 'fortran_order' entry: '{Shorten(text)}'.");
        if (fortran.Groups[1].Value == "True") throw new NpyFormatException("Fortran-order arrays are not supported (fortran_order is True).");

        var shapeMatch = ShapeRegex().Match(text);
        if (!shapeMatch.Success) throw new NpyFormatException($"Header has no valid 'shape' tuple: '{Shorten(text)}'.");
        var parts = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 2) throw new NpyFormatException($"Shape has {parts.Length} dimensions; only vectors (d,) and matrices (k, d) are supported.");
        var shape = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
                throw new NpyFormatException($"Shape entry '{parts[i]}' is not a non-negative integer.");
        }
        return (d, shape);
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..120] + "...";

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
            throw new NpyFormatException($"Truncated .npy file: expected {buffer.Length} bytes of {what}, got {read}.");
    }

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)\b")]
    private static partial Regex FortranRegex();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([0-9L,\s]*)\)")]
    private static partial Regex ShapeRegex();
}
