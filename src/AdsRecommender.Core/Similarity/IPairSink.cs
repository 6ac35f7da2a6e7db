namespace AdsRecommender.Core.Similarity;

/// <summary>Receives similarities from <see cref="CosineSimilarity.AllPairs{TSink}"/>; implement as a struct so calls inline.</summary>
public interface IPairSink
{
    void Add(int i, int j, float similarity);
}
