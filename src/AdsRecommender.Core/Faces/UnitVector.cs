using System.Numerics.Tensors;

namespace AdsRecommender.Core.Faces;

/// <summary>Unit length, as every embedding and track mean is kept (so a dot product is the cosine similarity).</summary>
public static class UnitVector
{
    /// <summary>Scales <paramref name="v"/> to unit length in place (no-op for a zero vector).</summary>
    public static void Normalize(Span<float> v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm > 1e-12f) TensorPrimitives.Divide(v, norm, v);
    }
}
