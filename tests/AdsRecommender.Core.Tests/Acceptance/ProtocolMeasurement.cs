using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Faces.Calibration;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Tests.Faces;
using AdsRecommender.Testing;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// Measurements on the calibration or validation split of the protocol (docs/CALIBRATION.md): <c>ADSREC_SPLIT</c> =
/// calibration | validation (never test), <c>ADSREC_VARIANTS</c> = comma-separated analysis variants of
/// <see cref="ProtocolAnalysis.Variants"/>; grouping variants: <c>ADSREC_THRESHOLD</c> (default threshold), <c>ADSREC_CAST_EVIDENCE=0</c>
/// (keep every secondary face), <c>ADSREC_WEAK_RULE</c> ("offset,margin"), <c>ADSREC_MERGE_PEOPLE</c> (1/0), <c>ADSREC_QUALITY_GATE</c> (low-quality pair gate bound, 0 = off), <c>ADSREC_RECURRING</c> (recurring background faces' cosine bound, 0 = off). Clips are analysed with cast evidence off and cached (<see cref="ProtocolAnalysis"/>, keyed by the
/// ffmpeg version and the face stage's models and settings); cast evidence and grouping then run with the shipped defaults.
/// Prints every secondary face with its cast-evidence measures, the weak-face similarities of clips left out by pairs
/// (to choose the constants on calibration), how every face recurs in the other clips (<see cref="FaceRecurrenceTable"/>, for
/// the recurring-face bound) and the pairwise score of each variant (to choose variants on validation).
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class ProtocolMeasurement(ITestOutputHelper output)
{
    [MeasureFact]
    public async Task Variants_on_a_non_test_split()
    {
        var split = Enum.Parse<SplitPart>(Environment.GetEnvironmentVariable("ADSREC_SPLIT") ?? "validation", ignoreCase: true);
        Assert.NotEqual(SplitPart.Test, split); // the test split chooses nothing
        using var fx = new FaceAnalyzerFixture();
        var items = Environment.GetEnvironmentVariable("ADSREC_EDITED") == "0" ? ProtocolSet.Build(split, ProtocolSet.LowerFace(fx.Photos)) : ProtocolSet.BuildAll(split, fx.Photos);
        var byName = items.ToDictionary(i => i.Name);
        var watch = Stopwatch.StartNew();
        await ProtocolSet.EncodeAsync(items);
        output.WriteLine($"{items.Count} clips built in {watch.Elapsed.TotalSeconds:0} s");
        var shipped = new FaceSamplingOptions();
        var castEvidence = Environment.GetEnvironmentVariable("ADSREC_CAST_EVIDENCE") != "0"; // "0": every secondary face is grouped (the product before cast evidence)
        if (Environment.GetEnvironmentVariable("ADSREC_CAST_OWN") is { Length: > 0 } own) // "height,score,sharpness,frames": a variant of cast evidence on its own ("0" = off)
        {
            var v = own.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            shipped.CastOwnMinFaceHeight = v[0];
            if (v.Length > 1) (shipped.CastOwnMinScore, shipped.CastOwnMinSharpness, shipped.CastOwnMinFrames) = ((float)v[1], v[2], (int)v[3]);
        }
        ExportLongAds(items, split);
        foreach (var name in (Environment.GetEnvironmentVariable("ADSREC_VARIANTS") ?? "plain_mean").Split(','))
        {
            watch.Restart();
            var analysed = await ProtocolAnalysis.AnalyseAsync(items, split, name);
            foreach (var item in items)
            {
                var a = analysed[item.Name];
                if (!a.Decodable) continue;
                var main = a.People.FirstOrDefault();
                foreach (var p in a.People.Skip(1))
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"secondary {item.Name} ({item.Identities.Count} true people): {(CastEvidence.Passes(p, main!, shipped) ? "cast" : "background")}, size {p.MeanFaceSize / main!.MeanFaceSize:0.00} ({p.MeanFaceSize:0.000} of the frame), score {p.MeanScore:0.00}, sharpness {p.Sharpness / main.Sharpness:0.00} ({p.Sharpness:0}), screen time {(double)p.FrameCount / main.FrameCount:0.00} ({p.FrameCount} of {main.FrameCount} frames), own-identity cos {OwnCos(p, item, analysed):0.00}"));
            }
            var videos = ProtocolAnalysis.FaceSets(items, analysed, castEvidence, shipped);
            var groupingOptions = new GroupingOptions();
            if (Environment.GetEnvironmentVariable("ADSREC_WEAK_RULE") is { Length: > 0 } rule) // "offset,margin": a weak-face rule variant
            {
                var v = rule.Split(',').Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                (groupingOptions.DegradedAttachOffset, groupingOptions.DegradedAttachMargin) = (v[0], v[1]);
            }
            if (Environment.GetEnvironmentVariable("ADSREC_THRESHOLD") is { Length: > 0 } threshold) // a default-threshold variant
                groupingOptions.DefaultThreshold = float.Parse(threshold, CultureInfo.InvariantCulture);
            if (Environment.GetEnvironmentVariable("ADSREC_QUALITY_GATE") is { Length: > 0 } gate) // low-quality pair gate bound (0 = off)
                groupingOptions.LowQualitySharpness = double.Parse(gate, CultureInfo.InvariantCulture);
            if (Environment.GetEnvironmentVariable("ADSREC_RECURRING") is { Length: > 0 } recurring) // recurring background faces' cosine bound (0 = off)
                groupingOptions.RecurringFaceCosine = float.Parse(recurring, CultureInfo.InvariantCulture);
            if (Environment.GetEnvironmentVariable("ADSREC_MERGE_PEOPLE") is { Length: > 0 } merge) groupingOptions.MergePeopleByCentroid = merge == "1";
            var result = ResultProjection.Group(videos, groupingOptions);
            var score = ProtocolScore.Compute(items, result.Groups.Select(g => g.Videos));
            output.WriteLine($"== {split} split, variant {name}, cast evidence {(castEvidence ? "on" : "off")}, weak rule {groupingOptions.DegradedAttachOffset:0.00},{groupingOptions.DegradedAttachMargin:0.00}, merge {groupingOptions.MergePeopleByCentroid}, quality gate {groupingOptions.LowQualitySharpness:0.0}: analysed in {watch.Elapsed.TotalSeconds:0} s; threshold {result.Threshold:0.00}; weak faces attached {result.AttachedWeakFaces}; people joined by centroid {result.JoinedPeople}; recurring faces {groupingOptions.RecurringFaceCosine:0.000}: {result.RecurringFaces} grouped");
            foreach (var line in score.Lines()) output.WriteLine(line);
            var groups = result.Groups.Select(g => g.Videos).ToList();
            output.WriteLine("long ads: " + EditedAdScore.LongAds(items, groups).Lines().First());
            output.WriteLine("single-shot (treatments and smaller second person): " + EditedAdScore.SingleShot(items, groups).Lines().First());
            output.WriteLine("original treatments only: " + ProtocolScore.Compute(items, groups, (i, j) => items[i].Appearances is null && items[j].Appearances is null).Lines().First());
            foreach (var line in EditedAdScore.RecallLines(items, groups)) output.WriteLine(line);
            foreach (var g in result.Groups.Where(g => g.Videos.Select(v => byName[v].Identities).Aggregate((a, b) => a.Intersect(b).ToList()).Count == 0))
                output.WriteLine($"mixed group {g.Number}: {string.Join(", ", g.Videos)}");
            foreach (var g in result.Groups) output.WriteLine($"group {g.Number}: {string.Join(", ", g.Videos)}");
            WeakFaceTable(items, videos);
            foreach (var line in FaceRecurrenceTable.Lines(items, analysed, shipped, groups)) output.WriteLine(line);
        }
    }

    /// <summary>Copies the split's long ads to <c>{temp}/adsrec-long-ads/{split}</c>, for <c>adsrec-bench --whole-run --clips</c> (scripts/bench-real-clips.sh).</summary>
    private void ExportLongAds(IReadOnlyList<ProtocolSet.Item> items, SplitPart split)
    {
        var dir = Path.Combine(Path.GetTempPath(), "adsrec-long-ads", split.ToString().ToLowerInvariant());
        Directory.CreateDirectory(dir);
        foreach (var item in items.Where(EditedAdScore.IsLongAd))
            File.Copy(ClipMaker.GetAsync(item.Spec!).GetAwaiter().GetResult(), Path.Combine(dir, item.Name + ".mp4"), overwrite: true);
        output.WriteLine($"long ads copied to {dir}");
    }

    /// <summary>For clips left out by pair grouping: similarity to the degraded centroid of their own person and of the best other person.</summary>
    private void WeakFaceTable(IReadOnlyList<ProtocolSet.Item> items, List<VideoFaceSet> videos)
    {
        var strict = ResultProjection.Group(videos, new GroupingOptions { AttachWeakFaces = false });
        var byId = videos.ToDictionary(v => v.VideoId);
        var truth = items.ToDictionary(i => i.Name, i => i.Identities);
        var established = strict.Groups.Where(g => g.Videos.Count >= new GroupingOptions().AttachMinVideos).ToList();
        foreach (var id in strict.Ungrouped)
        {
            var face = byId[id].Primary;
            var sims = established.Select(g =>
            {
                var c = new float[face.Length];
                foreach (var v in g.Videos) TensorPrimitives.Add(c, byId[v].DegradedFaces![g.FaceIndexes[g.Videos.ToList().IndexOf(v)]], c);
                var common = g.Videos.Select(v => truth[v]).Aggregate((a, b) => a.Intersect(b).ToList());
                return (own: common.Intersect(truth[id]).Any(), sim: TensorPrimitives.CosineSimilarity(face, c));
            }).ToList();
            var own = sims.Where(s => s.own).Select(s => s.sim).DefaultIfEmpty(float.NaN).Max();
            var other = sims.Where(s => !s.own).Select(s => s.sim).DefaultIfEmpty(float.NaN).Max();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"left out by pairs: {id}: own {own:0.000}, best other {other:0.000}"));
        }
    }

    /// <summary>Cosine of a secondary face with the primary faces of the other clips of the same true identities (NaN if none): tells a cast member from a background face.</summary>
    private static float OwnCos(DetectedPerson p, ProtocolSet.Item item, Dictionary<string, ProtocolAnalysis.Analysed> analysed) =>
        analysed.Where(kv => kv.Key != item.Name && kv.Value.People.Count > 0)
            .Select(kv => TensorPrimitives.CosineSimilarity(p.Embedding, kv.Value.People[0].Embedding)).DefaultIfEmpty(float.NaN).Max();
}
