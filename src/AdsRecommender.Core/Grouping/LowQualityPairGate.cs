using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Two low-quality faces are no evidence of one person: on the calibration split, blurred or dark faces of different
/// people reach the threshold together while same-person pairs of such faces stay far below it (docs/CALIBRATION.md,
/// "Low-quality pair gate"). So a pair whose two faces are both below the sharpness bound is dropped.
/// </summary>
internal static class LowQualityPairGate
{
    /// <summary>Whether face <paramref name="face"/> of <paramref name="video"/> is below <paramref name="bound"/> (unknown = sharp).</summary>
    public static bool IsLow(VideoFaceSet video, int face, double bound) =>
        bound > 0 && video.Sharpness is { } s && face < s.Count && s[face] < bound;

    /// <summary>The pairs without those whose two items are both low (<paramref name="low"/> by item index).</summary>
    public static List<ScoredPair> Keep(IEnumerable<ScoredPair> pairs, IReadOnlyList<bool> low) =>
        pairs.Where(p => Keeps(p, low)).ToList();

    /// <summary>Whether <paramref name="pair"/> stays: not both of its items low.</summary>
    public static bool Keeps(ScoredPair pair, IReadOnlyList<bool> low) => !(low[pair.I] && low[pair.J]);
}
