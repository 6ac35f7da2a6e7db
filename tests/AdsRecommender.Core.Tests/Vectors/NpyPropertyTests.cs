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
    public bool Corrupted_headers_give_a_result_or_an_NpyFormatException_and_nothing_else(int position, byte value, bool matrix)
    {
        var bytes = matrix ? Npy.MatrixBytes([new float[7], new float[7]]) : Npy.VectorBytes(new float[9]);
        var headerEnd = 10 + (bytes[8] | bytes[9] << 8);
        bytes[(int)((uint)position % (uint)headerEnd)] = value;
        try
        {
            Npy.Read(bytes);
            return true;
        }
        catch (NpyFormatException)
        {
            return true;
        }
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
