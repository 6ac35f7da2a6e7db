using System.Numerics.Tensors;

namespace AdsRecommender.Core.Grouping;

/// <summary>
/// A face without cast evidence (in <see cref="VideoFaceSet.Background"/>) that recurs in another ad: its embedding
/// matches a cast face of another video at or above <see cref="GroupingOptions.RecurringFaceCosine"/>, a bound far above
/// any different-person similarity measured on the calibration split (docs/CALIBRATION.md, "Recurring faces"). Such a
/// face is what a cast member filmed too small, too briefly or too faintly for cast evidence looks like; it joins its
/// video's faces (after the cast ones) and is grouped like them. Background faces that match nobody's cast face, or
/// only each other, stay out.
/// </summary>
internal static class RecurringFaces
{
    /// <summary>
    /// The videos with their recurring background faces appended to <see cref="VideoFaceSet.Faces"/> (degraded embedding and
    /// sharpness alongside); the same instances when the rule is off or no face recurs.
    /// </summary>
    public static List<VideoFaceSet> Admit(List<VideoFaceSet> videos, GroupingOptions options, out int admitted)
    {
        admitted = 0;
        var bound = options.RecurringFaceCosine;
        if (bound <= 0 || !options.MultiFace || !videos.Any(v => v.Background is { Count: > 0 })) return videos;
        var cast = videos.SelectMany((v, vi) => GroupingEngine.NodeFaces(v, true).Select(f => (Video: vi, Face: f))).ToArray();
        var result = new List<VideoFaceSet>(videos.Count);
        var count = 0;
        var keep = new bool[videos.Count][];
        Parallel.For(0, videos.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) }, vi =>
            keep[vi] = (videos[vi].Background ?? []).Select(b => Recurs(b.Embedding, vi, cast, bound)).ToArray());
        for (var vi = 0; vi < videos.Count; vi++)
        {
            var v = videos[vi];
            var add = (v.Background ?? []).Where((_, k) => keep[vi][k]).ToList();
            count += add.Count;
            result.Add(add.Count == 0 ? v : With(v, add));
        }
        admitted = count;
        return result;
    }

    private static bool Recurs(float[] face, int video, (int Video, float[] Face)[] cast, float bound)
    {
        foreach (var (v, f) in cast)
            if (v != video && f.Length == face.Length && TensorPrimitives.CosineSimilarity(face, f) >= bound) return true;
        return false;
    }

    private static VideoFaceSet With(VideoFaceSet v, List<BackgroundFace> add)
    {
        var faces = GroupingEngine.NodeFaces(v, true);
        // the face stage embeds no degraded crop for a background face: its own embedding stands in, so that the video
        // keeps degraded rows and the weak-face rule its degraded centroids
        var degraded = v.DegradedFaces is { } d && d.Count >= faces.Count
            ? [.. d.Take(faces.Count), .. add.Select(b => b.Degraded ?? b.Embedding)] : (IReadOnlyList<float[]>?)null;
        var sharpness = Enumerable.Range(0, faces.Count).Select(k => v.Sharpness is { } s && k < s.Count ? s[k] : double.NaN)
            .Concat(add.Select(b => b.Sharpness)).ToArray();
        return v with { Faces = [.. faces, .. add.Select(b => b.Embedding)], DegradedFaces = degraded, Sharpness = sharpness, Background = [] };
    }
}
