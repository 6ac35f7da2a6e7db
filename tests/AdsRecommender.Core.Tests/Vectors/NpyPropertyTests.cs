using AdsRecommender.Core.Vectors;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AdsRecommender.Core.Tests.Vectors;

public sealed class NpyPropertyTests
{
    [Property(MaxTest = 200)]
    public bool Any_matrix_round_trips_bit_for_bit(byte rowsSeed, byte colsSeed, int valueSeed)
    {
        var rows = rowsSeed % 9;
        var cols = colsSeed % 40 + 1;
        var rng = new Random(valueSeed);
        var data = new float[rows * cols];
        for (var i = 0; i < data.Length; i++) data[i] = BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue));
        using var ms = new MemoryStream();
        Npy.WriteMatrix(ms, data, rows, cols);
        ms.Position = 0;
        var a = Npy.Read(ms);
        return a.Shape.SequenceEqual([rows, cols])
            && a.Data.Select(BitConverter.SingleToInt32Bits).SequenceEqual(data.Select(BitConverter.SingleToInt32Bits))
            && ms.Position == ms.Length;
    }

    [Property(MaxTest = 200)]
    public bool Any_vector_round_trips(float[] values)
    {
        values ??= [];
        var a = Npy.Read(Npy.VectorBytes(values));
        return a.Shape.SequenceEqual([values.Length])
            && a.Data.Select(BitConverter.SingleToInt32Bits).SequenceEqual(values.Select(BitConverter.SingleToInt32Bits));
    }

    [Property(MaxTest = 300)]
    public bool Every_truncation_is_an_NpyFormatException(byte lengthSeed, int cut)
    {
        var bytes = Npy.VectorBytes(new float[lengthSeed % 50 + 1]);
        var keep = (int)((uint)cut % (uint)bytes.Length);
        try
        {
            Npy.Read(bytes[..keep]);
            return false;
        }
        catch (NpyFormatException)
        {
            return true;
        }
    }

    [Property(MaxTest = 500)]
    public bool A_corrupted_header_byte_gives_an_NpyFormatException_or_data_the_file_holds(int position, byte value, bool matrix)
    {
        // distinct values, so a result that is not the file's data (or a prefix of it, for a shrunk shape) shows
        float[][] rows = matrix ? [[1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14]] : [[1, 2, 3, 4, 5, 6, 7, 8, 9]];
        var original = rows.SelectMany(r => r).ToArray();
        var bytes = matrix ? Npy.MatrixBytes(rows) : Npy.VectorBytes(rows[0]);
        var headerEnd = 10 + (bytes[8] | bytes[9] << 8);
        var at = (int)((uint)position % (uint)headerEnd);
        var changed = bytes[at] != value;
        var header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerEnd - 10);
        var shapeStart = 10 + header.IndexOf("'shape'", StringComparison.Ordinal);
        var shapeEnd = 10 + header.IndexOf(')', shapeStart - 10);
        bytes[at] = value;
        NpyArray a;
        try
        {
            a = Npy.Read(bytes);
        }
        catch (NpyFormatException)
        {
            return changed; // an unchanged file must read
        }
        if (changed && at < 6) return false; // a file without the magic string is not read
        var inShape = at >= shapeStart && at <= shapeEnd;
        var count = a.Shape.Aggregate(1, (x, y) => x * y);
        return changed && inShape
            ? count == a.Data.Length && count <= original.Length && a.Data.SequenceEqual(original[..count])
            : a.Shape.SequenceEqual(matrix ? [2, 7] : [9]) && a.Data.SequenceEqual(original);
    }

    [Property(MaxTest = 300)]
    public Property Random_bytes_after_the_magic_never_throw_anything_else()
    {
        return Prop.ForAll(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).ToArbitrary(), tail =>
        {
            byte[] bytes = [.. NpyTests.NpyMagic, .. tail];
            try
            {
                Npy.Read(bytes);
            }
            catch (NpyFormatException)
            {
            }
        });
    }
}
