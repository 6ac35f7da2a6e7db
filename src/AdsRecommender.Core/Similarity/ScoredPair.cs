namespace AdsRecommender.Core.Similarity;

/// <summary>Row indices <paramref name="I"/> &lt; <paramref name="J"/> of an <see cref="EmbeddingMatrix"/> and their cosine.</summary>
public readonly record struct ScoredPair(int I, int J, float Similarity);
