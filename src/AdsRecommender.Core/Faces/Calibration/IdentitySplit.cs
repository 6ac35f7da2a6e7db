using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AdsRecommender.Core.Faces.Calibration;

/// <summary>The three disjoint parts of the labelled identities (docs/CALIBRATION.md, "Protocol").</summary>
public enum SplitPart
{
    /// <summary>Thresholds and rule constants.</summary>
    Calibration,
    /// <summary>Choosing between variants.</summary>
    Validation,
    /// <summary>Frozen; evaluated once per face-stage change, never used to choose anything.</summary>
    Test,
}

/// <summary>
/// The seeded identity split of docs/CALIBRATION.md: identities sorted by the first 8 bytes (big-endian) of
/// SHA-256("adsrec-identity-split-v1/" + name), position mod 3 = 0 / 1 / 2 gives calibration / validation / test.
/// By identity, never by photo, so no person is seen on both sides.
/// </summary>
public static class IdentitySplit
{
    public const string Seed = "adsrec-identity-split-v1/";

    public static ulong Key(string identity) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(Seed + identity)));

    /// <summary>Identities in key order (the order every composition rule uses).</summary>
    public static IReadOnlyList<string> Ordered(IEnumerable<string> identities) =>
        identities.Distinct(StringComparer.Ordinal).OrderBy(Key).ThenBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>The part of every identity.</summary>
    public static IReadOnlyDictionary<string, SplitPart> Assign(IEnumerable<string> identities)
    {
        var ordered = Ordered(identities);
        var parts = new Dictionary<string, SplitPart>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++) parts[ordered[i]] = (SplitPart)(i % 3);
        return parts;
    }

    /// <summary>The identities of one part, in key order.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> identities, SplitPart part)
    {
        var assigned = Assign(identities);
        return Ordered(assigned.Where(kv => kv.Value == part).Select(kv => kv.Key));
    }
}
