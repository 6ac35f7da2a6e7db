using System.Numerics.Tensors;

namespace AdsRecommender.Core.Similarity;

/// <summary>
/// Row vectors in one contiguous row-major <c>float[]</c>, each row L2-normalised once so that a dot product is a cosine.
/// Zero rows stay zero (cosine 0 with everything).
/// </summary>
public sealed class EmbeddingMatrix
{
    private EmbeddingMatrix(float[] data, int rows, int cols)
    {
        Data = data;
        Rows = rows;
        Columns = cols;
    }

    public float[] Data { get; }

    public int Rows { get; }

    public int Columns { get; }

    public ReadOnlySpan<float> Row(int i) => Data.AsSpan(i * Columns, Columns);

    /// <summary>Copies and normalises <paramref name="rows"/> (all of the same length).</summary>
    public static EmbeddingMatrix FromRows(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cols = rows.Count == 0 ? 0 : rows[0].Length;
        var data = new float[rows.Count * cols];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != cols)
                throw new ArgumentException($"Vector {i} has {rows[i].Length} values, vector 0 has {cols}.", nameof(rows));
            rows[i].CopyTo(data, i * cols);
        }
        NormalizeRows(data, rows.Count, cols);
        return new EmbeddingMatrix(data, rows.Count, cols);
    }

    /// <summary>Takes ownership of <paramref name="data"/> (row-major rows x cols) and normalises it in place.</summary>
    public static EmbeddingMatrix FromFlat(float[] data, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(data);
        if ((long)rows * cols != data.Length) throw new ArgumentException($"data has {data.Length} values, shape is ({rows}, {cols}).", nameof(data));
        NormalizeRows(data, rows, cols);
        return new EmbeddingMatrix(data, rows, cols);
    }

    private static void NormalizeRows(float[] data, int rows, int cols)
    {
        for (var i = 0; i < rows; i++)
        {
            var row = data.AsSpan(i * cols, cols);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0 && float.IsFinite(norm)) TensorPrimitives.Divide(row, norm, row);
            else row.Clear();
        }
    }
}
