using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Screens faces against person centroids with the blocked multi-core kernel, so that the weak-face rule compares each
/// face exactly with only the few centroids that can decide it instead of all of them (at 1M videos: ~5e5 faces x ~6e4
/// centroids, single-threaded before). Per face it keeps the three most similar centroids at or above a floor and how
/// many reached it. The rule needs the best and the second best: when the floor is <see cref="Slack"/> below
/// <c>floor - margin</c>, a centroid under it can be neither a best that passes nor a second that changes the verdict,
/// and a centroid not kept is below the third kept one; only when the third is within rounding of the second (and more
/// reached the floor) is every centroid compared. Screening values differ from the exact cosine by float rounding
/// (~1e-6), far below <see cref="Rounding"/>.
/// </summary>
internal sealed class NearestCentroids
{
    /// <summary>How far below <c>floor - margin</c> the screen reaches.</summary>
    public const float Slack = 0.01f;

    private const float Rounding = 1e-4f;
    private const int Kept = 3;

    private readonly float[] _values;
    private readonly int[] _ids;
    private readonly int[] _reached;

    private NearestCentroids(int faces)
    {
        _values = new float[faces * Kept];
        _ids = new int[faces * Kept];
        _reached = new int[faces];
        Array.Fill(_values, float.NegativeInfinity);
        Array.Fill(_ids, -1);
    }

    public static NearestCentroids Find(IReadOnlyList<float[]> faces, IReadOnlyList<float[]> centroids, float floor, int dop)
    {
        var found = new NearestCentroids(faces.Count);
        if (faces.Count == 0 || centroids.Count == 0) return found;
        var left = EmbeddingMatrix.FromRows(faces);
        var right = EmbeddingMatrix.FromRows(centroids);
        var blocks = (faces.Count + CosineSimilarity.TileSize - 1) / CosineSimilarity.TileSize;
        // each block of faces owns its rows of the arrays: no locks
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, dop) }, b =>
        {
            var sink = new Sink(floor, found);
            var start = b * CosineSimilarity.TileSize;
            CosineSimilarity.CrossPairs(left, right, ref sink, start, Math.Min(start + CosineSimilarity.TileSize, faces.Count));
        });
        return found;
    }

    /// <summary>The centroids (ascending) that decide face <paramref name="face"/>'s verdict: the kept ones, or all of them.</summary>
    public IEnumerable<int> Deciding(int face, int centroidCount)
    {
        var o = face * Kept;
        if (_reached[face] > Kept && _values[o + 2] >= _values[o + 1] - 2 * Rounding) return Enumerable.Range(0, centroidCount);
        return _ids.Skip(o).Take(Math.Min(Kept, _reached[face])).Order();
    }

    private readonly struct Sink(float floor, NearestCentroids into) : IPairSink
    {
        public float MinSimilarity => floor;

        public void Add(int i, int j, float similarity)
        {
            into._reached[i]++;
            var v = into._values;
            var id = into._ids;
            var o = i * Kept;
            var at = similarity > v[o] ? 0 : similarity > v[o + 1] ? 1 : similarity > v[o + 2] ? 2 : Kept;
            for (var k = Kept - 1; k > at; k--)
            {
                v[o + k] = v[o + k - 1];
                id[o + k] = id[o + k - 1];
            }
            if (at == Kept) return;
            v[o + at] = similarity;
            id[o + at] = j;
        }
    }
}
