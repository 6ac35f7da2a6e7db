using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Similarity;

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
        var recurs = Recurring(videos, bound, options.MaxDegreeOfParallelism);
        var result = new List<VideoFaceSet>(videos.Count);
        var next = 0;
        foreach (var v in videos)
        {
            var add = new List<(BackgroundFace Face, int Place)>();
            var background = v.Background ?? [];
            for (var k = 0; k < background.Count; k++)
                if (recurs[next++]) add.Add((background[k], k));
            admitted += add.Count;
            result.Add(add.Count == 0 ? v : With(v, add));
        }
        return result;
    }

    /// <summary>
    /// Whether each background face (in video order) matches a cast face of another video at the bound: the blocked
    /// multi-core kernel over background faces x cast faces (the rows of each block of background faces are its own).
    /// </summary>
    private static bool[] Recurring(List<VideoFaceSet> videos, float bound, int dop)
    {
        var (background, backgroundOwner, cast, castOwner) = (new List<float[]>(), new List<int>(), new List<float[]>(), new List<int>());
        for (var vi = 0; vi < videos.Count; vi++)
        {
            foreach (var f in GroupingEngine.NodeFaces(videos[vi], true))
            {
                cast.Add(f);
                castOwner.Add(vi);
            }
            foreach (var b in videos[vi].Background ?? [])
            {
                if (b.Embedding.Length != videos[vi].Primary.Length)
                    throw new ArgumentException($"Video '{videos[vi].VideoId}' has a background vector of a different length than its faces.", nameof(videos));
                background.Add(b.Embedding);
                backgroundOwner.Add(vi);
            }
        }
        var recurs = new bool[background.Count];
        var (left, right) = (EmbeddingMatrix.FromRows(background), EmbeddingMatrix.FromRows(cast));
        var sink = new Sink(bound, backgroundOwner, castOwner, recurs);
        var blocks = (background.Count + CosineSimilarity.TileSize - 1) / CosineSimilarity.TileSize;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, dop) }, b =>
        {
            var s = sink;
            var start = b * CosineSimilarity.TileSize;
            CosineSimilarity.CrossPairs(left, right, ref s, start, Math.Min(start + CosineSimilarity.TileSize, background.Count));
        });
        return recurs;
    }

    private readonly struct Sink(float bound, List<int> backgroundOwner, List<int> castOwner, bool[] recurs) : IPairSink
    {
        public float MinSimilarity => bound;

        public void Add(int i, int j, float similarity)
        {
            if (backgroundOwner[i] != castOwner[j]) recurs[i] = true;
        }
    }

    private static VideoFaceSet With(VideoFaceSet v, List<(BackgroundFace Face, int Place)> admitted)
    {
        var faces = GroupingEngine.NodeFaces(v, true);
        var add = admitted.Select(a => a.Face).ToList();
        // stored rows (thumbnails): the cast faces', then each admitted face's by its place in Background
        var rows = Enumerable.Range(0, faces.Count).Select(v.StoredRow).Concat(admitted.Select(a => FaceMeta.BackgroundRow(faces.Count, a.Place))).ToList();
        // the face stage embeds no degraded crop for a background face: its own embedding stands in, so that the video
        // keeps degraded rows and the weak-face rule its degraded centroids
        var degraded = v.DegradedFaces is { } d && d.Count >= faces.Count
            ? [.. d.Take(faces.Count), .. add.Select(b => b.Degraded ?? b.Embedding)] : (IReadOnlyList<float[]>?)null;
        var sharpness = Enumerable.Range(0, faces.Count).Select(k => v.Sharpness is { } s && k < s.Count ? s[k] : double.NaN)
            .Concat(add.Select(b => b.Sharpness)).ToArray();
        return v with { Faces = [.. faces, .. add.Select(b => b.Embedding)], DegradedFaces = degraded, Sharpness = sharpness, Background = [], FaceRows = rows };
    }
}
