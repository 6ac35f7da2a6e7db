using System.Numerics.Tensors;
using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// Links face observations across sampled frames into people, embedding only what it needs:
/// <list type="number">
/// <item>Overlap: a detection continues the tracklet seen within the last <see cref="FaceSamplingOptions.MaxGap"/> samples
/// whose box overlaps most (IoU &gt;= <see cref="FaceSamplingOptions.TrackIou"/>).</item>
/// <item>Embeddings: of each tracklet the first, every <see cref="FaceSamplingOptions.EmbedStride"/>-th and the last
/// observation are embedded (with <see cref="FaceSamplingOptions.EmbedBest"/>: the first, the last and the best few by
/// rank, whose mean is then the tracklet's vector). Where two consecutive embedded observations disagree (cosine &lt; <see cref="FaceSamplingOptions.TrackLinkCosine"/>,
/// e.g. a hard cut to another person at the same place), everything between them is embedded and the tracklet is split there.</item>
/// <item>Merge: tracklets never seen in the same frame whose mean embeddings reach the re-appear threshold are one person
/// (a face returning after a cut).</item>
/// </list>
/// </summary>
public sealed class FaceTracker(FaceSamplingOptions options)
{
    private readonly FaceSamplingOptions _options = options;

    private float Reappear => _options.ReappearCosine ?? Thresholds.SameVideoCosine;

    /// <summary>
    /// Builds the tracks. <paramref name="embed"/> is called (a few times, with batches of observation indices) to get
    /// L2-normalised embeddings for the observations the tracker needs; <paramref name="weight"/> gives each embedded
    /// observation's weight in its track's mean (default: its detection score); <paramref name="rank"/> orders a
    /// tracklet's observations for <see cref="FaceSamplingOptions.EmbedBest"/> (default: detection score x face height).
    /// </summary>
    public IReadOnlyList<FaceTrack> Build(IReadOnlyList<FaceObservation> observations, Func<IReadOnlyList<int>, float[][]> embed, Func<int, float>? weight = null,
        Func<int, double>? rank = null)
    {
        for (var i = 0; i < observations.Count; i++)
            if (observations[i].Index != i) throw new ArgumentException("Observation Index must equal its position in the list.", nameof(observations));
        var vectors = new float[]?[observations.Count];
        void Fetch(IEnumerable<int> wanted)
        {
            var missing = wanted.Where(i => vectors[i] is null).Distinct().ToList();
            if (missing.Count == 0) return;
            var got = embed(missing);
            for (var k = 0; k < missing.Count; k++) vectors[missing[k]] = got[k];
        }

        var tracklets = LinkByOverlap(observations);
        rank ??= i => observations[i].Score * observations[i].RelativeSize;
        var picksOf = tracklets.Select(t => Picks(t, rank).ToList()).ToList();
        // the tracklet's vector: the mean of its best few picks (a piece split off at a cut: of all it has embedded, when none of them)
        var best = _options.EmbedBest > 0
            ? tracklets.SelectMany((t, k) => picksOf[k].Select(p => t[p]).OrderByDescending(rank).Take(_options.EmbedBest)).ToHashSet()
            : null;
        Fetch(tracklets.SelectMany((t, k) => picksOf[k].Select(p => t[p])));

        // where consecutive picks disagree, embed the stretch between them
        var gaps = new List<int>();
        for (var n = 0; n < tracklets.Count; n++)
        {
            var (t, picks) = (tracklets[n], picksOf[n]);
            for (var k = 1; k < picks.Count; k++)
                if (Cos(vectors[t[picks[k - 1]]]!, vectors[t[picks[k]]]!) < _options.TrackLinkCosine)
                    for (var p = picks[k - 1] + 1; p < picks[k]; p++) gaps.Add(t[p]);
        }
        Fetch(gaps);
        var split = tracklets.SelectMany(t => Split(t, vectors)).ToList();

        var builders = split.Select(t =>
        {
            var b = new Builder();
            var useAll = best is null || !t.Any(i => vectors[i] is not null && best.Contains(i));
            foreach (var i in t)
            {
                var used = vectors[i] is not null && (useAll || best!.Contains(i));
                b.Add(observations[i], used ? vectors[i] : null, used ? weight?.Invoke(i) ?? observations[i].Score : 0);
            }
            return b;
        }).Where(b => b.HasEmbedding).ToList();
        MergeSimilar(builders);
        return builders.Select((b, i) => new FaceTrack(i + 1, b.Observations, b.Mean, b.EmbeddedCount)).ToList();
    }

    /// <summary>Groups observations into tracklets by box overlap between nearby samples (indices in time order).</summary>
    public List<List<int>> LinkByOverlap(IReadOnlyList<FaceObservation> observations)
    {
        var tracklets = new List<List<int>>();
        foreach (var frame in observations.GroupBy(o => o.Ordinal).OrderBy(g => g.Key))
        {
            var claimed = new HashSet<List<int>>();
            foreach (var obs in frame.OrderByDescending(o => o.Score * o.RelativeSize))
            {
                List<int>? best = null;
                var bestIou = _options.TrackIou;
                foreach (var t in tracklets)
                {
                    var last = observations[t[^1]];
                    if (claimed.Contains(t) || obs.Ordinal - last.Ordinal > _options.MaxGap || last.Ordinal == obs.Ordinal) continue;
                    var iou = IoU(obs.Box, last.Box);
                    if (iou >= bestIou) { bestIou = iou; best = t; }
                }
                if (best is null) { best = []; tracklets.Add(best); }
                best.Add(obs.Index);
                claimed.Add(best);
            }
        }
        return tracklets;
    }

    /// <summary>
    /// Positions of <paramref name="tracklet"/> embedded first, in time order: 0, stride, 2*stride, ..., count-1; with
    /// <see cref="FaceSamplingOptions.EmbedBest"/>, 0, count-1 and the best by <paramref name="rank"/> between them, never
    /// more than the stride would pick (a short tracklet costs no more) nor more than the best few plus the two ends.
    /// </summary>
    private IEnumerable<int> Picks(List<int> tracklet, Func<int, double> rank)
    {
        var count = tracklet.Count;
        var every = Every(count, Math.Max(1, _options.EmbedStride)).ToList();
        if (_options.EmbedBest == 0 || count <= 2) return every;
        var inner = Math.Min(every.Count, _options.EmbedBest + 2) - 2;
        var best = Enumerable.Range(1, count - 2).OrderByDescending(p => rank(tracklet[p])).Take(inner);
        return best.Append(0).Append(count - 1).Order();
    }

    private static IEnumerable<int> Every(int count, int stride)
    {
        for (var p = 0; p < count - 1; p += stride) yield return p;
        yield return count - 1;
    }

    /// <summary>Splits a tracklet between consecutive embedded observations that disagree.</summary>
    private IEnumerable<List<int>> Split(List<int> tracklet, float[]?[] vectors)
    {
        var current = new List<int>();
        float[]? previous = null;
        foreach (var i in tracklet)
        {
            var v = vectors[i];
            if (v is not null)
            {
                if (previous is not null && Cos(previous, v) < _options.TrackLinkCosine && current.Count > 0)
                {
                    yield return current;
                    current = [];
                }
                previous = v;
            }
            current.Add(i);
        }
        if (current.Count > 0) yield return current;
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
                    var cos = Cos(tracks[i].Mean, tracks[j].Mean);
                    if (cos >= best) { best = cos; pair = (tracks[i], tracks[j]); }
                }
            if (pair is not { } p) return;
            p.A.Absorb(p.B);
            tracks.Remove(p.B);
        }
    }

    private static float Cos(float[] a, float[] b) => TensorPrimitives.Dot(a, b); // both L2-normalised

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
        public int EmbeddedCount { get; private set; }
        public bool HasEmbedding => _sum is not null;

        public void Add(FaceObservation o, float[]? embedding, float weight)
        {
            Observations.Add(o);
            Ordinals.Add(o.Ordinal);
            if (embedding is null) return;
            _sum ??= new float[embedding.Length];
            TensorPrimitives.MultiplyAdd(embedding, weight, _sum, _sum);
            EmbeddedCount++;
            UpdateMean();
        }

        public void Absorb(Builder other)
        {
            Observations.AddRange(other.Observations);
            Ordinals.UnionWith(other.Ordinals);
            if (other._sum is null) return;
            _sum ??= new float[other._sum.Length];
            TensorPrimitives.Add(_sum, other._sum, _sum);
            EmbeddedCount += other.EmbeddedCount;
            UpdateMean();
        }

        private void UpdateMean()
        {
            var mean = (float[])_sum!.Clone();
            UnitVector.Normalize(mean);
            Mean = mean;
        }
    }
}
