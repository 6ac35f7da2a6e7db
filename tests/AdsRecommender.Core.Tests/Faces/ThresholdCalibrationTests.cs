using System.Numerics.Tensors;
using AdsRecommender.Core.Faces;
using AdsRecommender.Testing;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Faces;

/// <summary>
/// The calibration of <see cref="Thresholds.DefaultCosine"/> (docs/CALIBRATION.md): identities sorted by name, even positions
/// calibrate, odd positions are held out; the threshold comes from the calibration half only and is checked on the other half.
/// </summary>
public sealed class ThresholdCalibrationTests(FaceAnalyzerFixture fx, ITestOutputHelper output) : IClassFixture<FaceAnalyzerFixture>
{
    /// <summary>Share of the gap (highest different-person score .. 5th percentile of same-person scores) to step towards the same-person side.</summary>
    public const double PrecisionWeight = 0.75;

    [Fact]
    public void Default_threshold_is_what_the_calibration_half_gives_and_separates_the_held_out_identities()
    {
        var photos = Embed(SharedData.Photos);
        var extras = Embed(SharedData.ExtraPhotos);
        var (calIds, holdIds) = (new HashSet<string>(), new HashSet<string>());
        foreach (var set in new[] { photos, extras })
        {
            var ids = set.Select(p => p.Identity).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < ids.Count; i++) (i % 2 == 0 ? calIds : holdIds).Add(ids[i]);
        }
        var all = photos.Concat(extras).ToList();
        var cal = Pairs(all.Where(p => calIds.Contains(p.Identity)).ToList());
        var hold = Pairs(all.Where(p => holdIds.Contains(p.Identity)).ToList());
        var cross = all.Where(p => holdIds.Contains(p.Identity))
            .SelectMany(h => all.Where(c => calIds.Contains(c.Identity)).Select(c => TensorPrimitives.Dot(h.Vector, c.Vector)))
            .Order().ToList();

        var maxDiff = cal.Diff[^1];
        var p5Same = Percentile(cal.Same, 5);
        var chosen = Math.Round(maxDiff + PrecisionWeight * (p5Same - maxDiff), 2);
        var t = Thresholds.DefaultCosine;

        output.WriteLine($"calibration identities: {string.Join(", ", calIds.Order())}");
        output.WriteLine($"held-out identities:    {string.Join(", ", holdIds.Order())}");
        output.WriteLine("| set | photos | same pairs | same min | same p1 | same p5 | same median | diff pairs | diff median | diff p99 | diff max |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        output.WriteLine(Row("calibration", all.Count(p => calIds.Contains(p.Identity)), cal));
        output.WriteLine(Row("held-out", all.Count(p => holdIds.Contains(p.Identity)), hold));
        output.WriteLine($"rule: maxDiff {maxDiff:F3} + {PrecisionWeight} x (p5Same {p5Same:F3} - maxDiff) = {maxDiff + PrecisionWeight * (p5Same - maxDiff):F3} -> {chosen:F2}; DefaultCosine {t:F2}");
        var holdRecall = hold.Same.Count(s => s >= t) / (double)hold.Same.Count;
        var holdFalse = hold.Diff.Count(s => s >= t);
        var crossFalse = cross.Count(s => s >= t);
        output.WriteLine($"held-out at {t:F2}: same-person recall {holdRecall:P1} ({hold.Same.Count(s => s >= t)}/{hold.Same.Count}), false matches {holdFalse}/{hold.Diff.Count} (precision {(holdFalse == 0 ? 1.0 : hold.Same.Count(s => s >= t) / (double)(hold.Same.Count(s => s >= t) + holdFalse)):F3})");
        output.WriteLine($"held-out x calibration (different people, one side unseen): max {cross[^1]:F3}, false matches {crossFalse}/{cross.Count}");
        var calRecall = cal.Same.Count(s => s >= t) / (double)cal.Same.Count;
        output.WriteLine($"calibration at {t:F2}: same-person recall {calRecall:P1}, false matches {cal.Diff.Count(s => s >= t)}/{cal.Diff.Count}");

        Assert.Equal(chosen, t, 0.001);
        Assert.Equal(0, cal.Diff.Count(s => s >= t));
        Assert.Equal(0, holdFalse);
        Assert.True(holdRecall >= 0.85, $"held-out same-person recall {holdRecall:P1}");
    }

    private static string Row(string name, int photos, (List<float> Same, List<float> Diff) p) =>
        $"| {name} | {photos} | {p.Same.Count} | {p.Same[0]:F3} | {Percentile(p.Same, 1):F3} | {Percentile(p.Same, 5):F3} | {Percentile(p.Same, 50):F3} | " +
        $"{p.Diff.Count} | {Percentile(p.Diff, 50):F3} | {Percentile(p.Diff, 99):F3} | {p.Diff[^1]:F3} |";

    private List<(string Identity, string File, float[] Vector)> Embed(string root)
    {
        var result = new List<(string, string, float[])>();
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(dir, "*.jpg").Order(StringComparer.Ordinal))
            {
                var v = fx.Photos.Embed(file);
                Assert.True(v is not null, $"no face found in {file}");
                result.Add((Path.GetFileName(dir), Path.GetFileName(file), v!));
            }
        return result;
    }

    private static (List<float> Same, List<float> Diff) Pairs(List<(string Identity, string File, float[] Vector)> items)
    {
        var same = new List<float>();
        var diff = new List<float>();
        for (var i = 0; i < items.Count; i++)
            for (var j = i + 1; j < items.Count; j++)
                (items[i].Identity == items[j].Identity ? same : diff).Add(TensorPrimitives.Dot(items[i].Vector, items[j].Vector));
        same.Sort();
        diff.Sort();
        return (same, diff);
    }

    /// <summary>Linear-interpolated percentile of sorted values (numpy's default).</summary>
    private static double Percentile(List<float> sorted, double p)
    {
        var pos = (sorted.Count - 1) * p / 100.0;
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
