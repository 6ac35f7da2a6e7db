using System.Text;
using AdsRecommender.Core.Vectors;

namespace AdsRecommender.Core.Tests.Vectors;

public sealed class NpyTests
{
    internal static readonly byte[] NpyMagic = [0x93, .. "NUMPY"u8];

    [Fact]
    public void Vector_round_trips_with_its_shape()
    {
        float[] v = [1.5f, -2.25f, 0f, float.Epsilon, 3.4e38f];
        using var ms = new MemoryStream();
        Npy.WriteVector(ms, v);
        ms.Position = 0;
        var a = Npy.Read(ms);
        Assert.Equal([5], a.Shape);
        Assert.Equal(v, a.Data);
    }

    [Fact]
    public void Matrix_round_trips_and_rows_can_be_taken()
    {
        var data = Enumerable.Range(0, 12).Select(i => i / 7f).ToArray();
        var a = Npy.Read(Npy.MatrixBytes([data[..4], data[4..8], data[8..]]));
        Assert.Equal([3, 4], a.Shape);
        Assert.Equal(data, a.Data);
        Assert.Equal(data[4..8], a.Row(1));
        Assert.Equal(3, a.Rows);
        Assert.Equal(4, a.Columns);
    }

    [Fact]
    public void Header_is_version_1_and_padded_to_a_multiple_of_64_bytes()
    {
        var bytes = Npy.VectorBytes(new float[128]);
        Assert.Equal(NpyMagic, bytes[..6]);
        Assert.Equal(1, bytes[6]);
        Assert.Equal(0, bytes[7]);
        var headerLen = bytes[8] | bytes[9] << 8;
        Assert.Equal(0, (10 + headerLen) % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLen);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (128,), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(10 + headerLen + 128 * 4, bytes.Length);
    }

    [Fact]
    public void Float64_arrays_are_read_as_float32()
    {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
        var bytes = Build(1, header, BitConverter.GetBytes(0.5).Concat(BitConverter.GetBytes(-3.0)).ToArray());
        Assert.Equal([0.5f, -3f], Npy.Read(bytes).Data);
    }

    [Theory]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", "dtype '<i4'")]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", "dtype '>f4'")]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", "Fortran")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2), }", "3 dimensions")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, }", "'shape'")]
    [InlineData("not a dict", "dict")]
    public void Unsupported_headers_are_rejected_with_a_clear_message(string header, string expected)
    {
        var ex = Assert.Throws<NpyFormatException>(() => Npy.Read(Build(1, header, new byte[64])));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Version_2_headers_are_read()
    {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }";
        var bytes = Build(2, header, BitConverter.GetBytes(7.5f));
        Assert.Equal([7.5f], Npy.Read(bytes).Data);
    }

    [Fact]
    public void Missing_magic_and_unknown_version_are_rejected()
    {
        Assert.Contains("magic", Assert.Throws<NpyFormatException>(() => Npy.Read("PK not numpy at all"u8.ToArray())).Message);
        var bytes = Npy.VectorBytes([1f]);
        bytes[6] = 9;
        Assert.Contains("9.0", Assert.Throws<NpyFormatException>(() => Npy.Read(bytes)).Message);
    }

    [Fact]
    public void Truncated_data_names_what_is_missing()
    {
        var bytes = Npy.VectorBytes(new float[10]);
        var ex = Assert.Throws<NpyFormatException>(() => Npy.Read(bytes[..^3]));
        Assert.Contains("Truncated", ex.Message);
        Assert.Contains("10 values", ex.Message);
    }

    [Fact]
    public void Matrix_writer_rejects_a_shape_that_does_not_match_the_data()
    {
        using var ms = new MemoryStream();
        Assert.Throws<ArgumentException>(() => Npy.WriteMatrix(ms, new float[5], 2, 3));
    }

    internal static byte[] Build(int major, string dict, byte[] data)
    {
        var unpadded = (major == 1 ? 10 : 12) + dict.Length + 1;
        var total = (unpadded + 63) / 64 * 64;
        var header = Encoding.ASCII.GetBytes(dict + new string(' ', total - unpadded) + "\n");
        var prefix = new List<byte>(NpyMagic) { (byte)major, 0 };
        if (major == 1) prefix.AddRange(BitConverter.GetBytes((ushort)header.Length));
        else prefix.AddRange(BitConverter.GetBytes((uint)header.Length));
        return [.. prefix, .. header, .. data];
    }
}
