using System.Globalization;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// The protocol's scores by part (docs/CALIBRATION.md, "Edited ads"): long ads (pairs with at least one long ad),
/// single-shot clips (pairs with none: the original treatments and the clips with a smaller second person), and recall
/// of the same-person pairs of long ads by the person's shot length and face size, of the smaller second people by their
/// size relative to the main face. One grouping, scored on subsets of its pairs.
/// </summary>
internal static class EditedAdScore
{
    public static bool IsLongAd(ProtocolSet.Item i) => i.Treatment == "long_ad";

    public static ProtocolScore LongAds(IReadOnlyList<ProtocolSet.Item> items, IEnumerable<IReadOnlyList<string>> groups) =>
        ProtocolScore.Compute(items, groups, (i, j) => IsLongAd(items[i]) || IsLongAd(items[j]));

    public static ProtocolScore SingleShot(IReadOnlyList<ProtocolSet.Item> items, IEnumerable<IReadOnlyList<string>> groups) =>
        ProtocolScore.Compute(items, groups, (i, j) => !IsLongAd(items[i]) && !IsLongAd(items[j]));

    /// <summary>Recall lines: for each appearance of a person in a long ad (or as a smaller second person), its same-person pairs found / all, by bin.</summary>
    public static IEnumerable<string> RecallLines(IReadOnlyList<ProtocolSet.Item> items, IEnumerable<IReadOnlyList<string>> groups)
    {
        var together = new HashSet<(string, string)>();
        foreach (var g in groups)
            foreach (var a in g)
                foreach (var b in g)
                    together.Add((a, b));
        var bins = new SortedDictionary<string, (int Found, int Pairs)>(StringComparer.Ordinal);
        void Count(string bin, bool found)
        {
            var (f, p) = bins.GetValueOrDefault(bin);
            bins[bin] = (f + (found ? 1 : 0), p + 1);
        }
        foreach (var item in items.Where(i => i.Appearances is not null))
            foreach (var ap in item.Appearances!)
            {
                if (item.Treatment == "small_second" && ap.RatioToMain is null) continue; // the main person of a single-shot clip
                foreach (var other in items.Where(o => o != item && o.Identities.Contains(ap.Identity)))
                {
                    var found = together.Contains((item.Name, other.Name));
                    if (ap.RatioToMain is { } r) Count($"small second person, size {EditedAdSet.RatioBin(r)} of the main face", found);
                    else
                    {
                        Count($"long ads, shot {EditedAdSet.ShotBin(ap.ShotSeconds)}", found);
                        Count($"long ads, face height {EditedAdSet.SizeBin(ap.FaceHeight)} of the frame", found);
                        if (ap.Shots > 1) Count("long ads, person in two shots", found);
                    }
                }
            }
        foreach (var (bin, (found, pairs)) in bins)
            yield return string.Create(CultureInfo.InvariantCulture, $"recall {bin}: {(pairs == 0 ? 1 : (double)found / pairs):0.000} ({found}/{pairs} pairs)");
    }
}
