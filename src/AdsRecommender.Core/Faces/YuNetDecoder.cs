using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// Turns YuNet's raw heads into faces exactly as OpenCV's <c>FaceDetectorYN</c> does (modules/objdetect face_detect.cpp):
/// per stride 8/16/32 and grid cell, score = sqrt(clamp(cls) * clamp(obj)); box centre = (cell + offset) * stride, size =
/// exp(log-size) * stride; landmarks = (cell + offset) * stride; then OpenCV's <c>NMSBoxes</c> over integer-truncated boxes
/// (score strictly above the threshold, the top k by score, greedy IoU suppression).
/// </summary>
internal static class YuNetDecoder
{
    /// <summary>The model's strides, in the order of its heads.</summary>
    public static readonly int[] Strides = [8, 16, 32];

    /// <summary>One head set (cls, obj, bbox, kps) of a stride, flattened row-major over the grid.</summary>
    public readonly ref struct Head(ReadOnlySpan<float> cls, ReadOnlySpan<float> obj, ReadOnlySpan<float> bbox, ReadOnlySpan<float> kps)
    {
        public ReadOnlySpan<float> Cls { get; } = cls;
        public ReadOnlySpan<float> Obj { get; } = obj;
        public ReadOnlySpan<float> Bbox { get; } = bbox;
        public ReadOnlySpan<float> Kps { get; } = kps;
    }

    /// <summary>Adds the candidates of one stride's heads (grid <paramref name="cols"/> x <paramref name="rows"/>) scoring at least <paramref name="scoreThreshold"/>.</summary>
    public static void AddCandidates(Head head, int stride, int cols, int rows, float scoreThreshold, List<FaceDetection> into)
    {
        var cells = cols * rows;
        if (head.Cls.Length < cells || head.Obj.Length < cells || head.Bbox.Length < cells * 4 || head.Kps.Length < cells * 10)
            throw new InvalidOperationException($"YuNet stride {stride} heads are shorter than its {cols}x{rows} grid; is this a YuNet model?");
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var idx = r * cols + c;
                var cls = Math.Clamp(head.Cls[idx], 0f, 1f);
                var obj = Math.Clamp(head.Obj[idx], 0f, 1f);
                var score = MathF.Sqrt(cls * obj);
                if (score < scoreThreshold) continue;
                var b = head.Bbox.Slice(idx * 4, 4);
                var cx = (c + b[0]) * stride;
                var cy = (r + b[1]) * stride;
                var w = MathF.Exp(b[2]) * stride;
                var h = MathF.Exp(b[3]) * stride;
                var k = head.Kps.Slice(idx * 10, 10);
                var landmarks = new Point2f[5];
                for (var n = 0; n < 5; n++) landmarks[n] = new Point2f((k[2 * n] + c) * stride, (k[2 * n + 1] + r) * stride);
                into.Add(new FaceDetection(new Rect2f(cx - w / 2f, cy - h / 2f, w, h), landmarks, score));
            }
        }
    }

    /// <summary>OpenCV's <c>NMSBoxes</c> (eta 1) as <c>FaceDetectorYN</c> calls it; a single candidate is kept as is. Result sorted by score, highest first.</summary>
    public static List<FaceDetection> Suppress(List<FaceDetection> candidates, float scoreThreshold, float nmsThreshold, int topK)
    {
        if (candidates.Count <= 1) return candidates;
        var order = new List<int>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
            if (candidates[i].Score > scoreThreshold) order.Add(i);
        // stable, descending by score (std::stable_sort in OpenCV)
        var sorted = order.OrderByDescending(i => candidates[i].Score).ToList();
        if (topK > 0 && topK < sorted.Count) sorted.RemoveRange(topK, sorted.Count - topK);
        var boxes = candidates.Select(c => Truncate(c.Box)).ToArray();
        var kept = new List<int>();
        foreach (var i in sorted)
        {
            var keep = true;
            foreach (var j in kept)
            {
                if (Overlap(boxes[i], boxes[j]) > nmsThreshold)
                {
                    keep = false;
                    break;
                }
            }
            if (keep) kept.Add(i);
        }
        return kept.Select(i => candidates[i]).ToList();
    }

    private static Rect Truncate(Rect2f r) => new((int)r.X, (int)r.Y, (int)r.Width, (int)r.Height);

    /// <summary>Intersection over union of integer boxes, as OpenCV's <c>rectOverlap</c> (1 when both are empty).</summary>
    internal static float Overlap(Rect a, Rect b)
    {
        double areaA = a.Width * (double)a.Height, areaB = b.Width * (double)b.Height;
        if (areaA + areaB <= 1e-7) return 1f;
        int x1 = Math.Max(a.X, b.X), y1 = Math.Max(a.Y, b.Y);
        int x2 = Math.Min(a.X + a.Width, b.X + b.Width), y2 = Math.Min(a.Y + a.Height, b.Y + b.Height);
        var inter = x2 > x1 && y2 > y1 ? (x2 - x1) * (double)(y2 - y1) : 0;
        return (float)(inter / (areaA + areaB - inter));
    }
}
