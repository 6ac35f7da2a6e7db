using System.Numerics.Tensors;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Second chance for videos whose face is too small, blurred or covered to reach the pair threshold with any single
/// other video. Such a face is compared with the centroid of each established person (a cluster seen in at least
/// <see cref="GroupingOptions.AttachMinVideos"/> videos): averaging many embeddings of one person removes much of the
/// noise of a single pair, and an unrelated person's centroid stays near zero. The face joins the best person when its
/// centroid similarity is at least <c>threshold - AttachOffset</c> and beats the runner-up by
/// <see cref="GroupingOptions.AttachMargin"/>. When every member of every established person has a degraded embedding
/// (the best crop shrunk and blurred), the centroids are built from those instead: a tiny blurred face resembles a
/// degraded reference far more than a sharp one, and <see cref="GroupingOptions.DegradedAttachOffset"/> /
/// <see cref="GroupingOptions.DegradedAttachMargin"/> apply. Runs without degraded embeddings keep the plain rule.
/// Rule and numbers: docs/CALIBRATION.md ("Weak faces").
/// </summary>
internal static class WeakFaceAttacher
{
    /// <param name="people">person clusters (face indices); modified in place</param>
    /// <param name="degraded">degraded embedding of each face, or null</param>
    /// <param name="owner">video index of each face</param>
    /// <param name="primaryFace">face index of each video's primary face</param>
    public static int Attach(List<List<int>> people, EmbeddingMatrix faces, IReadOnlyList<float[]?> degraded, IReadOnlyList<int> owner, IReadOnlyList<int> primaryFace,
        float threshold, GroupingOptions options)
    {
        var established = people
            .Where(p => p.Select(f => owner[f]).Distinct().Count() >= options.AttachMinVideos)
            .ToList();
        if (established.Count == 0) return 0;

        var useDegraded = options.AttachToDegradedCentroids && established.All(p => p.All(f => degraded[f] is not null));
        var centroids = established.Select(p => Centroid(p, f => useDegraded ? degraded[f] : faces.Row(f), faces.Columns)).ToList();
        var covered = new HashSet<int>(people.Where(p => p.Select(f => owner[f]).Distinct().Count() >= 2).SelectMany(p => p.Select(f => owner[f])));
        var floor = threshold - (useDegraded ? options.DegradedAttachOffset : options.AttachOffset);
        var margin = useDegraded ? options.DegradedAttachMargin : options.AttachMargin;
        var attached = 0;
        var candidates = Enumerable.Range(0, primaryFace.Count).Where(v => !covered.Contains(v)).ToList();
        var near = NearestCentroids.Find(candidates.Select(v => faces.Row(primaryFace[v]).ToArray()).ToList(), centroids,
            floor - margin - NearestCentroids.Slack, options.MaxDegreeOfParallelism);
        for (var k = 0; k < candidates.Count; k++)
        {
            var video = candidates[k];
            var face = faces.Row(primaryFace[video]);
            int best = -1;
            float bestSim = float.NegativeInfinity, second = float.NegativeInfinity;
            // the exact rule over the centroids that can decide it (all of them when the screen cannot tell)
            foreach (var c in near.Deciding(k, centroids.Count))
            {
                var s = TensorPrimitives.CosineSimilarity(face, centroids[c]);
                if (s > bestSim) { second = bestSim; bestSim = s; best = c; }
                else if (s > second) second = s;
            }
            if (best < 0 || bestSim < floor || bestSim - second < margin) continue;
            foreach (var p in people) p.Remove(primaryFace[video]);
            established[best].Add(primaryFace[video]);
            attached++;
        }
        people.RemoveAll(p => p.Count == 0);
        return attached;
    }

    private delegate ReadOnlySpan<float> RowOf(int face);

    private static float[] Centroid(List<int> members, RowOf row, int columns)
    {
        var c = new float[columns];
        foreach (var f in members) TensorPrimitives.Add(c, row(f), c);
        return c;
    }
}
