namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Agglomerative average-linkage (UPGMA) clustering on a similarity matrix, cut at a threshold: two clusters are joined
/// only while the mean similarity over all their cross pairs is at least the threshold. Uses the nearest-neighbour-chain
/// algorithm (O(n^2) time, n^2 floats of memory); average linkage is reducible, so the clusters equal those of the greedy order.
/// </summary>
internal static class AverageLinkage
{
    /// <summary>Cluster label (0..k-1, in order of first member) for each of the <paramref name="n"/> items. Overwrites <paramref name="similarity"/>.</summary>
    public static int[] Cluster(float[] similarity, int n, float threshold)
    {
        if (similarity.Length != n * n) throw new ArgumentException("similarity must be n x n", nameof(similarity));
        var s = similarity; // updated in place (Lance-Williams); the caller passes a fresh matrix
        var active = new bool[n];
        var size = new int[n];
        Array.Fill(active, true);
        Array.Fill(size, 1);
        var uf = new UnionFind(n);
        var chain = new List<int>(n);
        var remaining = n;
        var next = 0;
        while (remaining > 1)
        {
            if (chain.Count == 0)
            {
                while (!active[next]) next++;
                chain.Add(next);
            }
            var a = chain[^1];
            var prev = chain.Count >= 2 ? chain[^2] : -1;
            var best = prev;
            var bestSim = prev >= 0 ? s[a * n + prev] : float.NegativeInfinity;
            for (var x = 0; x < n; x++)
            {
                if (x == a || !active[x]) continue;
                var v = s[a * n + x];
                if (v > bestSim)
                {
                    bestSim = v;
                    best = x;
                }
            }
            if (best == prev && prev >= 0)
            {
                chain.RemoveRange(chain.Count - 2, 2);
                int na = size[a], nb = size[prev];
                for (var k = 0; k < n; k++)
                {
                    if (!active[k] || k == a || k == prev) continue;
                    var merged = (na * s[a * n + k] + nb * s[prev * n + k]) / (na + nb);
                    s[a * n + k] = merged;
                    s[k * n + a] = merged;
                }
                active[prev] = false;
                size[a] = na + nb;
                remaining--;
                if (bestSim >= threshold) uf.Union(a, prev);
            }
            else
            {
                chain.Add(best);
            }
        }

        var labels = new int[n];
        var map = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            var r = uf.Find(i);
            if (!map.TryGetValue(r, out var label))
            {
                label = map.Count;
                map[r] = label;
            }
            labels[i] = label;
        }
        return labels;
    }
}
