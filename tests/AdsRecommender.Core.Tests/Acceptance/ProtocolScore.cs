namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// Pairwise scoring of the protocol (docs/CALIBRATION.md): a pair of clips is "same" when they share a true identity,
/// "predicted" when some group holds both; 95 % percentile-bootstrap intervals over bootstrap units (identities).
/// </summary>
internal sealed record ProtocolScore(PairwiseScore Point, (double Lo, double Hi) Precision, (double Lo, double Hi) Recall, (double Lo, double Hi) F1,
    IReadOnlyDictionary<string, (int Found, int Pairs)> RecallByTreatment, IReadOnlyList<string> OnePersonInSeveralGroups)
{
    public const int Resamples = 2000;
    public const int Seed = 11;

    /// <param name="counted">which pairs of items (indices) count; null: every pair</param>
    public static ProtocolScore Compute(IReadOnlyList<ProtocolSet.Item> items, IEnumerable<IReadOnlyList<string>> groups, Func<int, int, bool>? counted = null)
    {
        var groupList = groups.ToList();
        var index = items.Select((it, i) => (it.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var n = items.Count;
        var together = new bool[n, n];
        var groupCount = new int[n];
        foreach (var g in groupList)
        {
            foreach (var v in g) groupCount[index[v]]++;
            foreach (var a in g)
                foreach (var b in g)
                    together[index[a], index[b]] = true;
        }
        var same = new bool[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                same[i, j] = items[i].Identities.Intersect(items[j].Identities).Any();

        PairwiseScore Score(IReadOnlyList<int> sample)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var a = 0; a < sample.Count; a++)
                for (var b = a + 1; b < sample.Count; b++)
                {
                    int i = sample[a], j = sample[b];
                    if (i == j || (counted is not null && !counted(i, j))) continue; // copies of one clip, or a pair outside the subset
                    if (same[i, j] && together[i, j]) tp++;
                    else if (together[i, j]) fp++;
                    else if (same[i, j]) fn++;
                }
            return new PairwiseScore(tp, fp, fn);
        }

        var all = Enumerable.Range(0, n).ToList();
        var point = Score(all);
        var units = all.GroupBy(i => items[i].Unit).Select(g => g.ToList()).ToList();
        var rng = new Random(Seed);
        var (p, r, f) = (new double[Resamples], new double[Resamples], new double[Resamples]);
        for (var k = 0; k < Resamples; k++)
        {
            var sample = new List<int>();
            for (var u = 0; u < units.Count; u++) sample.AddRange(units[rng.Next(units.Count)]);
            var s = Score(sample);
            (p[k], r[k], f[k]) = (s.Precision, s.Recall, s.F1);
        }

        var byTreatment = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var t in ProtocolSet.Treatments)
        {
            int found = 0, pairs = 0;
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    if (i != j && items[i].Treatment == t && same[i, j] && (items[j].Treatment != t || j > i))
                    {
                        pairs++;
                        if (together[i, j]) found++;
                    }
            byTreatment[t] = (found, pairs);
        }
        var several = all.Where(i => items[i].Identities.Count == 1 && groupCount[i] > 1).Select(i => items[i].Name).ToList();
        return new ProtocolScore(point, Interval(p), Interval(r), Interval(f), byTreatment, several);
    }

    private static (double, double) Interval(double[] values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(int)Math.Floor(0.025 * (sorted.Length - 1))], sorted[(int)Math.Ceiling(0.975 * (sorted.Length - 1))]);
    }

    public IEnumerable<string> Lines()
    {
        yield return $"pairwise precision {Point.Precision:0.000} [{Precision.Lo:0.000}, {Precision.Hi:0.000}], recall {Point.Recall:0.000} [{Recall.Lo:0.000}, {Recall.Hi:0.000}], " +
                     $"F1 {Point.F1:0.000} [{F1.Lo:0.000}, {F1.Hi:0.000}] (TP {Point.TruePositives}, FP {Point.FalsePositives}, FN {Point.FalseNegatives}; 95 % bootstrap over identities, {Resamples} resamples)";
        foreach (var (t, (found, pairs)) in RecallByTreatment)
            yield return $"recall {t}: {(pairs == 0 ? 1 : (double)found / pairs):0.000} ({found}/{pairs} pairs)";
        yield return $"one-person clips in more than one group: {(OnePersonInSeveralGroups.Count == 0 ? "none" : string.Join(", ", OnePersonInSeveralGroups))}";
    }
}
