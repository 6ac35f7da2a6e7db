using System.Globalization;
using System.Text.Json;
using AdsRecommender.Core.Vectors;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Vectors;

/// <summary>Checks files against the real NumPy (Debian python3-numpy, /usr/bin/python3).</summary>
public sealed class NumpyCompatibilityTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("npy-compat-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Numpy_loads_our_matrix_with_the_same_shape_dtype_and_values()
    {
        var rng = new Random(3);
        var data = Enumerable.Range(0, 5 * 128).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var path = Path.Combine(dir, "m.npy");
        using (var f = File.Create(path)) Npy.WriteMatrix(f, data, 5, 128);

        var output = Python($"import numpy, json; a = numpy.load(r'{path}'); print(json.dumps({{'shape': list(a.shape), 'dtype': str(a.dtype), 'values': [float(x) for x in a.ravel()]}}))");
        using var doc = JsonDocument.Parse(output);
        Assert.Equal([5, 128], doc.RootElement.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("float32", doc.RootElement.GetProperty("dtype").GetString());
        Assert.Equal(data, doc.RootElement.GetProperty("values").EnumerateArray().Select(e => (float)e.GetDouble()));
    }

    [Fact]
    public void Our_files_are_byte_identical_to_numpy_save()
    {
        var data = Enumerable.Range(0, 128).Select(i => i / 3f - 20f).ToArray();
        var ours = Npy.VectorBytes(data);
        var theirs = Path.Combine(dir, "theirs.npy");
        Python($"import numpy; numpy.save(r'{theirs}', (numpy.arange(128, dtype='<f4') / numpy.float32(3) - numpy.float32(20)).astype('<f4'))");
        Assert.Equal(File.ReadAllBytes(theirs), ours);

        var m = Npy.MatrixBytes([data[..64], data[64..]]);
        var theirsM = Path.Combine(dir, "theirsM.npy");
        Python($"import numpy; numpy.save(r'{theirsM}', (numpy.arange(128, dtype='<f4') / numpy.float32(3) - numpy.float32(20)).astype('<f4').reshape(2, 64))");
        Assert.Equal(File.ReadAllBytes(theirsM), m);
    }

    [Theory]
    [InlineData("float32", "(3, 7)")]
    [InlineData("float64", "(21,)")]
    public void We_read_what_numpy_writes(string dtype, string shape)
    {
        var path = Path.Combine(dir, $"{dtype}.npy");
        Python($"import numpy; numpy.save(r'{path}', (numpy.arange(21) * 0.37 - 2).astype('{dtype}').reshape({shape}))");
        var a = Npy.Read(File.ReadAllBytes(path));
        var expectedShape = shape.Trim('(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture));
        Assert.Equal(expectedShape, a.Shape);
        for (var i = 0; i < 21; i++)
            Assert.Equal(dtype == "float32" ? (float)(i * 0.37 - 2) : (float)(i * 0.37 - 2), a.Data[i], 1e-6f);
    }

    [Fact]
    public void Numpy_version_2_files_are_read()
    {
        var path = Path.Combine(dir, "v2.npy");
        Python($"import numpy; from numpy.lib import format; f = open(r'{path}', 'wb'); format.write_array(f, numpy.ones(4, dtype='<f4'), version=(2, 0)); f.close()");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(2, bytes[6]);
        Assert.Equal([1f, 1f, 1f, 1f], Npy.Read(bytes).Data);
    }

    private static string Python(string code) => Python3.Run(code);
}
