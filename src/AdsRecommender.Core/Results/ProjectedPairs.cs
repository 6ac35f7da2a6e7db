using System.Collections;
using AdsRecommender.Core.Grouping;

namespace AdsRecommender.Core.Results;

/// <summary>
/// The pair rows of a <see cref="Clustering"/>, shaped one at a time when read: the CSV writer streams them, so a run
/// holds only the engine's compact index pairs (12 bytes each, sorted), never a list of row objects.
/// </summary>
internal sealed class ProjectedPairs(Clustering clustering) : IReadOnlyList<SimilarPair>
{
    public int Count => clustering.Pairs.Count;

    public SimilarPair this[int index]
    {
        get
        {
            var p = clustering.Pairs[index];
            VideoFaceSet a = clustering.Videos[p.I], b = clustering.Videos[p.J];
            return new SimilarPair(a.VideoId, b.VideoId, p.Similarity, a.Performance, b.Performance);
        }
    }

    public IEnumerator<SimilarPair> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
