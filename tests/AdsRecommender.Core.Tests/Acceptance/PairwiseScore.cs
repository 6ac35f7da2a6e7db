namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>Pairwise precision/recall/F1 of predicted groups against true identities (pairs of videos).</summary>
internal sealed record PairwiseScore(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <param name="truth">video id to identity (null: must not be grouped with anything)</param>
    /// <param name="groups">predicted groups (a video may be in several)</param>
    public static PairwiseScore Compute(IReadOnlyDictionary<string, string?> truth, IEnumerable<IReadOnlyList<string>> groups)
    {
        var together = new HashSet<(string, string)>();
        foreach (var g in groups)
            for (var i = 0; i < g.Count; i++)
                for (var j = 0; j < g.Count; j++)
                    if (string.CompareOrdinal(g[i], g[j]) < 0) together.Add((g[i], g[j]));
        int tp = 0, fp = 0, fn = 0;
        var ids = truth.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < ids.Length; i++)
            for (var j = i + 1; j < ids.Length; j++)
            {
                var same = truth[ids[i]] is { } a && a == truth[ids[j]];
                var predicted = together.Contains((ids[i], ids[j]));
                if (same && predicted) tp++;
                else if (predicted) fp++;
                else if (same) fn++;
            }
        return new PairwiseScore(tp, fp, fn);
    }
}
