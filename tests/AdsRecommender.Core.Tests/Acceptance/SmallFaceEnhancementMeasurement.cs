using System.Numerics.Tensors;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Media;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Tests.Faces;
using AdsRecommender.Testing;
using OpenCvSharp;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// Measurement behind docs/CALIBRATION.md ("Small blurred faces: what was tried"), on CALIBRATION identities only:
/// every photo of the calibration identities in photos/ is made into a small blurred clip (as in the held-out style set)
/// and its clip embedding, under several crop treatments, is compared with the leave-one-out centroid of its own
/// person's photos and with the best other person's centroid. Skipped by default (about 2 minutes); remove the Skip to re-run.
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class SmallFaceEnhancementMeasurement(ITestOutputHelper output)
{
    private static readonly string[] Identities = ["alex_lacamoire", "barack_obama", "george_w_bush", "jennifer_aniston", "katy_perry",
        "laura_bush", "serena_williams", "vladimir_putin"];

    [Fact(Skip = "Measurement for docs/CALIBRATION.md (about 2 minutes); not a regression test.")]
    public async Task Crop_treatments_for_small_blurred_faces_measured_on_calibration_identities()
    {
        using var fx = new FaceAnalyzerFixture();
        using var refiner = new OpenCvFaceDetector(Path.Combine(fx.Analyzer.ModelsDirectory, fx.Models.DetectorFile));
        var treatments = new (string Name, Func<Mat, FaceDetection, Mat[]> Crops)[]
        {
            ("bilinear warp (shipped)", (img, d) => [fx.Embedder.Align(img, d.Landmarks)]),
            ("cubic warp", (img, d) => [Warp(img, d.Landmarks, InterpolationFlags.Cubic)]),
            ("lanczos warp", (img, d) => [Warp(img, d.Landmarks, InterpolationFlags.Lanczos4)]),
            ("unsharp s1.5 a1.0", (img, d) => [Sharpen(fx.Embedder.Align(img, d.Landmarks), 1.5, 1.0)]),
            ("unsharp s2.5 a1.0", (img, d) => [Sharpen(fx.Embedder.Align(img, d.Landmarks), 2.5, 1.0)]),
            ("unsharp s2.5 a0.5", (img, d) => [Sharpen(fx.Embedder.Align(img, d.Landmarks), 2.5, 0.5)]),
            ("re-detect 2x landmarks", (img, d) => [fx.Embedder.Align(img, Refine(refiner, img, d) ?? d.Landmarks)]),
            ("re-detect + unsharp", (img, d) => [Sharpen(fx.Embedder.Align(img, Refine(refiner, img, d) ?? d.Landmarks), 2.5, 1.0)]),
            ("flip TTA", (img, d) => { var a = fx.Embedder.Align(img, d.Landmarks); var b = new Mat(); Cv2.Flip(a, b, FlipMode.Y); return [a, b]; }),
        };
        // Reference photos: clean crops, and the same crops degraded (shrunk to n px, optionally 5x5 box blur, back to 112).
        var references = new (string Name, int Side, bool Blur)[] { ("clean", 0, false), ("64+blur", 64, true), ("80+blur", 80, true), ("64", 64, false) };
        var photos = new List<(string Id, int N, string Refs, float[] E)>();
        foreach (var id in Identities)
            foreach (var file in Directory.GetFiles(Path.Combine(SharedData.Photos, id), "*.jpg").Order())
            {
                using var crop = fx.Photos.AlignedLargestFace(file);
                if (crop is null) continue;
                foreach (var (name, side, blur) in references)
                {
                    using var d = Degrade(crop, side, blur);
                    photos.Add((id, int.Parse(Path.GetFileNameWithoutExtension(file)), name, fx.Embedder.Embed([d])[0]));
                }
            }

        var sampler = new FrameSampler(new FaceSamplingOptions().ToFrameSampling());
        var results = new Dictionary<string, List<(float Own, float Other)>>();
        void Score(string key, float[] sum, string id, int n, string refs)
        {
            var e = sum.ToArray();
            UnitVector.Normalize(e);
            var own = TensorPrimitives.CosineSimilarity(e, Centroid(photos.Where(p => p.Id == id && p.Refs == refs && p.N != n).Select(p => p.E)));
            var other = Identities.Where(o => o != id).Max(o => TensorPrimitives.CosineSimilarity(e, Centroid(photos.Where(p => p.Id == o && p.Refs == refs).Select(p => p.E))));
            if (!results.TryGetValue(key, out var list)) results[key] = list = [];
            list.Add((own, other));
        }
        foreach (var (id, n, _, _) in photos.Where(p => p.Refs == "clean").ToList())
        {
            var clip = await ClipMaker.GetAsync(new ClipSpec([new ColorSegment(0.5),
                new PhotoSegment(SharedData.Photo(id, n), 2.0, PhotoMotion.Still, PhotoEffects.Blur, Scale: 0.35)]));
            var sums = treatments.ToDictionary(t => t.Name, _ => new float[fx.Embedder.Dimension]);
            var frames = 0;
            foreach (var frame in sampler.Sample(clip))
                using (frame)
                {
                    var det = fx.Detector.Detect(frame.Detect).Where(f => f.Score >= 0.6f).MaxBy(f => f.Box.Width * f.Box.Height);
                    if (det is null) continue;
                    frames++;
                    var full = det.Scaled(1 / frame.DetectScale);
                    foreach (var (name, make) in treatments)
                    {
                        var crops = make(frame.Full, full);
                        foreach (var v in fx.Embedder.Embed(crops)) TensorPrimitives.Add(sums[name], v, sums[name]);
                        foreach (var c in crops) c.Dispose();
                    }
                }
            if (frames == 0) continue;
            foreach (var (name, _) in treatments) Score($"{name} vs clean photos", sums[name], id, n, "clean");
            foreach (var (refs, _, _) in references.Skip(1)) Score($"{treatments[0].Name} vs {refs} photos", sums[treatments[0].Name], id, n, refs);
        }
        output.WriteLine("| clip crop vs reference photos | clips | own mean | own min | best other mean | best other max | own > other | own - other >= 0.12 | mean own - other | attachable, no wrong (margin 0.12, best floor) | highest other winning by 0.12 | lowest own winning by 0.12 |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, r) in results)
            output.WriteLine($"| {name} | {r.Count} | {r.Average(x => x.Own):0.000} | {r.Min(x => x.Own):0.000} | {r.Average(x => x.Other):0.000} | {r.Max(x => x.Other):0.000} | {r.Count(x => x.Own > x.Other)} | {r.Count(x => x.Own - x.Other >= 0.12)} | {r.Average(x => x.Own - x.Other):0.000} | {BestAttachable(r)} | {r.Where(x => x.Other - x.Own >= 0.12f).Select(x => x.Other).DefaultIfEmpty(float.NaN).Max():0.000} | {r.Where(x => x.Own - x.Other >= 0.12f).Select(x => x.Own).DefaultIfEmpty(float.NaN).Min():0.000} |");
        Assert.True(results.Values.All(r => r.Count == results.Values.First().Count));
    }

    /// <summary>
    /// The weak-face comparison of the earlier WeakFaceRuleCalibrationTests (old calibration set; superseded by ProtocolMeasurement), once against centroids of the group
    /// members' normal embeddings and once against centroids of their crops degraded to 64 px + 5x5 box blur.
    /// </summary>
    [Fact(Skip = "Measurement for docs/CALIBRATION.md (about 1 minute); not a regression test.")]
    public async Task Weak_faces_against_degraded_centroids_on_the_calibration_set()
    {
        var items = HeldOutStyleSet.BuildCalibration();
        var set = await AnalyzedSet.AnalyzeAsync(items);
        using var fx = new FaceAnalyzerFixture();
        var sampler = new FrameSampler(new FaceSamplingOptions().ToFrameSampling());
        var degraded = new Dictionary<string, float[]>();
        foreach (var item in items.Where(i => i.Spec is not null))
        {
            var sum = new float[fx.Embedder.Dimension];
            foreach (var frame in sampler.Sample(await ClipMaker.GetAsync(item.Spec!)))
                using (frame)
                {
                    var det = fx.Detector.Detect(frame.Detect).Where(f => f.Score >= 0.6f && Math.Min(f.Box.Width, f.Box.Height) >= 20).MaxBy(f => f.Box.Width * f.Box.Height);
                    if (det is null) continue;
                    using var crop = fx.Embedder.Align(frame.Full, det.Scaled(1 / frame.DetectScale).Landmarks);
                    using var d = Degrade(crop, 64, true);
                    TensorPrimitives.Add(sum, fx.Embedder.Embed([d])[0], sum);
                }
            degraded[item.Name] = sum;
        }
        var strict = ResultProjection.Group(set.Videos, new GroupingOptions { AttachWeakFaces = false });
        var byId = set.Videos.ToDictionary(v => v.VideoId);
        output.WriteLine("| left out by pairs | own (normal centroid) | best other (normal) | own (degraded centroid) | best other (degraded) |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var id in strict.Ungrouped)
        {
            var face = byId[id].Primary;
            (float Own, float Other) Compare(Func<string, float[]> member)
            {
                var sims = strict.Groups.Select(g => (identity: set.Truth[g.Videos[0]], sim: TensorPrimitives.CosineSimilarity(face, Centroid(g.Videos.Select(member))))).ToList();
                return (sims.Where(x => x.identity == set.Truth[id]).Select(x => x.sim).DefaultIfEmpty(float.NaN).Max(),
                        sims.Where(x => x.identity != set.Truth[id]).Select(x => x.sim).DefaultIfEmpty(float.NaN).Max());
            }
            var normal = Compare(v => byId[v].Primary);
            var low = Compare(v => degraded[v]);
            output.WriteLine($"| {id} | {normal.Own:0.000} | {normal.Other:0.000} | {low.Own:0.000} | {low.Other:0.000} |");
        }
        Assert.NotEmpty(degraded);
    }

    /// <summary>Most probes attachable to their own person (own >= floor, own - other >= 0.12) at a floor above every other-person similarity that would also win by the margin (oracle floor: an upper bound).</summary>
    private static int BestAttachable(List<(float Own, float Other)> r)
    {
        var wrongFloor = r.Where(x => x.Other - x.Own >= 0.12f).Select(x => x.Other).DefaultIfEmpty(float.NegativeInfinity).Max();
        return r.Count(x => x.Own > wrongFloor && x.Own - x.Other >= 0.12f);
    }

    private static Mat Warp(Mat image, IReadOnlyList<Point2f> landmarks, InterpolationFlags flags)
    {
        using var t = Mat.FromArray(FaceAligner.EstimateSimilarity(landmarks, OnnxFaceEmbedder.ArcFaceTemplate112));
        var aligned = new Mat();
        Cv2.WarpAffine(image, aligned, t, new Size(112, 112), flags, BorderTypes.Constant, Scalar.All(0));
        return aligned;
    }

    private static Mat Sharpen(Mat crop, double sigma, double amount)
    {
        using var blur = new Mat();
        Cv2.GaussianBlur(crop, blur, new Size(0, 0), sigma);
        var result = new Mat();
        Cv2.AddWeighted(crop, 1 + amount, blur, -amount, 0, result);
        crop.Dispose();
        return result;
    }

    private static Mat Degrade(Mat crop, int side, bool blur)
    {
        if (side == 0) return crop.Clone();
        using var small = new Mat();
        Cv2.Resize(crop, small, new Size(side, side), 0, 0, InterpolationFlags.Area);
        if (blur) Cv2.Blur(small, small, new Size(5, 5));
        var back = new Mat();
        Cv2.Resize(small, back, new Size(crop.Width, crop.Height), 0, 0, InterpolationFlags.Linear);
        return back;
    }

    /// <summary>Landmarks from YuNet run again on a 256x256 Lanczos-upscaled square around the face (twice the box side).</summary>
    private static Point2f[]? Refine(IFaceDetector detector, Mat image, FaceDetection d)
    {
        const int side = 256;
        var half = Math.Max(d.Box.Width, d.Box.Height);
        var x0 = (int)Math.Floor(d.Box.X + d.Box.Width / 2 - half);
        var y0 = (int)Math.Floor(d.Box.Y + d.Box.Height / 2 - half);
        var s = (int)Math.Ceiling(2 * half);
        var inside = new Rect(x0, y0, s, s).Intersect(new Rect(0, 0, image.Width, image.Height));
        using var padded = new Mat(new Size(s, s), MatType.CV_8UC3, Scalar.All(0));
        using (var src = new Mat(image, inside))
        using (var dst = new Mat(padded, new Rect(inside.X - x0, inside.Y - y0, inside.Width, inside.Height)))
            src.CopyTo(dst);
        using var region = new Mat();
        Cv2.Resize(padded, region, new Size(side, side), 0, 0, InterpolationFlags.Lanczos4);
        var found = detector.Detect(region).Where(f => f.Score >= 0.6f).MaxBy(f => f.Box.Width * f.Box.Height);
        if (found is null) return null;
        var k = (float)s / side;
        return Array.ConvertAll(found.Landmarks, p => new Point2f(x0 + p.X * k, y0 + p.Y * k));
    }

    private static float[] Centroid(IEnumerable<float[]> rows)
    {
        float[]? c = null;
        foreach (var r in rows) { c ??= new float[r.Length]; TensorPrimitives.Add(c, r, c); }
        UnitVector.Normalize(c!);
        return c!;
    }
}
