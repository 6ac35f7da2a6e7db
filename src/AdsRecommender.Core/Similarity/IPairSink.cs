namespace AdsRecommender.Core.Similarity;

/// <summary>
/// Receives similarities from <see cref="CosineSimilarity.AllPairs{TSink}"/>; implement as a struct so calls inline.
/// The kernel calls <see cref="Add"/> only for pairs with similarity &gt;= <see cref="MinSimilarity"/>
/// (use <see cref="float.NegativeInfinity"/> to receive every pair).
/// </summary>
public interface IPairSink
{
    float MinSimilarity { get; }

    void Add(int i, int j, float similarity);
}
