using System.Globalization;
using System.Numerics.Tensors;
using AdsRecommender.Core.Faces;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// How every face of every clip recurs in the other clips (docs/CALIBRATION.md, "Recurring faces"): for each face, main,
/// cast or background, its best cosine to a cast face of another clip that shares a true identity with its clip, and to
/// one of a clip that shares none (a different person, whatever the face is). The highest "different" value over the
/// calibration split bounds what a recurring face must reach; the table also names the long ads' people that end in no
/// group with their own other clips.
/// </summary>
internal static class FaceRecurrenceTable
{
    public static IEnumerable<string> Lines(IReadOnlyList<ProtocolSet.Item> items, Dictionary<string, ProtocolAnalysis.Analysed> analysed,
        FaceSamplingOptions cast, IEnumerable<IReadOnlyList<string>> groups)
    {
        var castFaces = items.Where(i => analysed[i.Name].Decodable && analysed[i.Name].People.Count > 0)
            .SelectMany(i => Cast(analysed[i.Name].People, cast).Select(p => (Item: i, Face: p))).ToList();
        var byKind = new SortedDictionary<string, (int N, float MaxDiff)>(StringComparer.Ordinal);
        foreach (var item in items.Where(i => analysed[i.Name].Decodable))
        {
            var people = analysed[item.Name].People;
            for (var k = 0; k < people.Count; k++)
            {
                var p = people[k];
                var kind = k == 0 ? "main" : CastEvidence.Passes(p, people[0], cast) ? "cast" : "background";
                var (same, sameClip) = Best(p, castFaces.Where(c => c.Item != item && c.Item.Identities.Intersect(item.Identities).Any()));
                var (diff, diffClip) = Best(p, castFaces.Where(c => c.Item != item && !c.Item.Identities.Intersect(item.Identities).Any()));
                var (n, max) = byKind.GetValueOrDefault($"{(EditedAdScore.IsLongAd(item) ? "long ad" : "single-shot")} {kind}", (0, float.NegativeInfinity));
                byKind[$"{(EditedAdScore.IsLongAd(item) ? "long ad" : "single-shot")} {kind}"] = (n + 1, Math.Max(max, diff));
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"face {item.Name} #{k} {kind}: height {p.MeanFaceSize:0.000}, score {p.MeanScore:0.000}, sharpness {p.Sharpness:0}, frames {p.FrameCount}; best same-identity clip {same:0.000} ({sameClip}), best other-people clip {diff:0.000} ({diffClip})");
            }
        }
        foreach (var (kind, (n, max)) in byKind)
            yield return string.Create(CultureInfo.InvariantCulture, $"recurrence {kind}: {n} faces, highest cosine to a cast face of a clip of other people {max:0.000}");
        var together = new HashSet<(string, string)>(groups.SelectMany(g => g.SelectMany(a => g.Select(b => (a, b)))));
        foreach (var item in items.Where(i => i.Appearances is not null))
            foreach (var ap in item.Appearances!)
            {
                var others = items.Where(o => o != item && o.Identities.Contains(ap.Identity)).ToList();
                var found = others.Count(o => together.Contains((item.Name, o.Name)));
                if (found < others.Count)
                    yield return string.Create(CultureInfo.InvariantCulture,
                        $"missed {item.Name} / {ap.Identity} (shot {ap.ShotSeconds:0.0} s, height {ap.FaceHeight:0.000}): {found}/{others.Count} pairs; best face of the clip to the person's single clips {BestTo(analysed[item.Name].People, items, analysed, ap.Identity)}");
            }
    }

    private static IEnumerable<DetectedPerson> Cast(IReadOnlyList<DetectedPerson> people, FaceSamplingOptions o) =>
        people.Where((p, k) => k == 0 || CastEvidence.Passes(p, people[0], o));

    private static (float Cos, string? Clip) Best(DetectedPerson p, IEnumerable<(ProtocolSet.Item Item, DetectedPerson Face)> faces)
    {
        var best = (Cos: float.NaN, Clip: (string?)null);
        foreach (var (item, face) in faces)
        {
            var c = TensorPrimitives.CosineSimilarity(p.Embedding, face.Embedding);
            if (float.IsNaN(best.Cos) || c > best.Cos) best = (c, item.Name);
        }
        return best;
    }

    /// <summary>Each face of a clip (index) with its best cosine to the main face of a one-person clip of <paramref name="identity"/>.</summary>
    private static string BestTo(IReadOnlyList<DetectedPerson> people, IReadOnlyList<ProtocolSet.Item> items, Dictionary<string, ProtocolAnalysis.Analysed> analysed, string identity)
    {
        var refs = items.Where(i => i.Identities.Count == 1 && i.Identities[0] == identity && analysed[i.Name].People.Count > 0)
            .Select(i => analysed[i.Name].People[0].Embedding).ToList();
        return string.Join("; ", people.Select((p, k) => string.Create(CultureInfo.InvariantCulture,
            $"#{k} {refs.Select(r => TensorPrimitives.CosineSimilarity(p.Embedding, r)).DefaultIfEmpty(float.NaN).Max():0.000} (h {p.MeanFaceSize:0.000}, s {p.MeanScore:0.000})")));
    }
}
