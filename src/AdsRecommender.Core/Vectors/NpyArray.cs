namespace AdsRecommender.Core.Vectors;

/// <summary>A float32 array read from a <c>.npy</c> file: row-major <paramref name="Data"/> with its <paramref name="Shape"/>.</summary>
public sealed record NpyArray(float[] Data, int[] Shape)
{
    /// <summary>Rows when the array is a matrix (k,d); 1 for a vector (d,).</summary>
    public int Rows => Shape.Length switch { 0 => 1, 1 => 1, _ => Shape[0] };

    /// <summary>Length of one row: d for both (d,) and (k,d).</summary>
    public int Columns => Shape.Length switch { 0 => 1, 1 => Shape[0], _ => Shape[^1] };

    /// <summary>Copy of row <paramref name="index"/>.</summary>
    public float[] Row(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Rows);
        return Data.AsSpan(index * Columns, Columns).ToArray();
    }
}
