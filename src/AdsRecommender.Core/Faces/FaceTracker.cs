using System.Numerics.Tensors;
using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// Links face observations across sampled frames into people: a detection joins a track seen in the last few samples
/// when the boxes overlap and the embeddings agree, or any earlier track when the embeddings alone are close
/// (a face re-appearing after a cut). Tracks that never share a frame and whose mean embeddings are close are merged.
/// </summary>
public sealed class FaceTracker(FaceSamplingOptions options)
{
    private readonly FaceSamplingOptions _options = options;

    private float Reappear => _options.ReappearCosine ?? Thresholds.SameVideoCosine;

    public IReadOnlyList<FaceTrack> Build(IReadOnlyList<FaceObservation> observations)
    {
        var tracks = new List<Builder>();
        foreach (var frame in observations.GroupBy(o => o.Ordinal).OrderBy(g => g.Key))
        {
            var claimed = new HashSet<Builder>();
            foreach (var obs in frame.OrderByDescending(o => o.Score * o.RelativeSize))
            {
                Builder? best = null;
                var bestScore = double.NegativeInfinity;
                foreach (var t in tracks)
                {
                    if (claimed.Contains(t)) continue;
                    var cos = TensorPrimitives.Dot(obs.Embedding, t.Mean);
                    var recent = obs.Ordinal - t.LastOrdinal <= _options.MaxGap;
                    var iou = recent ? IoU(obs.Box, t.LastBox) : 0;
                    var linked = (iou >= _options.TrackIou && cos >= _options.TrackLinkCosine) || cos >= Reappear;
                    if (!linked) continue;
                    var score = cos + iou;
                    if (score > bestScore) { bestScore = score; best = t; }
                }
                best ??= NewTrack(tracks);
                best.Add(obs);
                claimed.Add(best);
            }
        }
        MergeSimilar(tracks);
        return tracks.Select((t, i) => new FaceTrack(i + 1, t.Observations, t.Mean)).ToList();
    }

    private void MergeSimilar(List<Builder> tracks)
    {
        while (true)
        {
            (Builder A, Builder B)? pair = null;
            var best = Reappear;
            for (var i = 0; i < tracks.Count; i++)
                for (var j = i + 1; j < tracks.Count; j++)
                {
                    if (tracks[i].Ordinals.Overlaps(tracks[j].Ordinals)) continue; // seen together: two people
                    var cos = TensorPrimitives.Dot(tracks[i].Mean, tracks[j].Mean);
                    if (cos >= best) { best = cos; pair = (tracks[i], tracks[j]); }
                }
            if (pair is not { } p) return;
            foreach (var o in p.B.Observations) p.A.Add(o);
            tracks.Remove(p.B);
        }
    }

    private static Builder NewTrack(List<Builder> tracks)
    {
        var t = new Builder();
        tracks.Add(t);
        return t;
    }

    /// <summary>Intersection over union of two boxes.</summary>
    public static double IoU(Rect2f a, Rect2f b)
    {
        var x1 = Math.Max(a.X, b.X);
        var y1 = Math.Max(a.Y, b.Y);
        var x2 = Math.Min(a.X + a.Width, b.X + b.Width);
        var y2 = Math.Min(a.Y + a.Height, b.Y + b.Height);
        var inter = Math.Max(0, x2 - x1) * Math.Max(0, y2 - y1);
        var union = a.Width * a.Height + b.Width * b.Height - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private sealed class Builder
    {
        private float[]? _sum;
        public List<FaceObservation> Observations { get; } = [];
        public HashSet<int> Ordinals { get; } = [];
        public float[] Mean { get; private set; } = [];
        public int LastOrdinal { get; private set; } = int.MinValue / 2;
        public Rect2f LastBox { get; private set; }

        public void Add(FaceObservation o)
        {
            Observations.Add(o);
            Ordinals.Add(o.Ordinal);
            if (o.Ordinal >= LastOrdinal) { LastOrdinal = o.Ordinal; LastBox = o.Box; }
            _sum ??= new float[o.Embedding.Length];
            TensorPrimitives.MultiplyAdd(o.Embedding, o.Score, _sum, _sum);
            var mean = (float[])_sum.Clone();
            FaceEmbedder.Normalize(mean);
            Mean = mean;
        }
    }
}
