using System.Numerics.Tensors;

namespace AdsRecommender.Core.Faces.Calibration;

/// <summary>One labelled photo's face embedding.</summary>
public sealed record PhotoEmbedding(string Identity, string File, float[] Vector);

/// <summary>Summary of a set of cosine similarities.</summary>
public sealed record SimilarityDistribution(int Count, double Min, double P1, double P5, double Median, double P95, double P99, double Max)
{
    public static SimilarityDistribution Of(IReadOnlyList<float> values)
    {
        var s = values.Order().ToArray();
        if (s.Length == 0) return new SimilarityDistribution(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        return new SimilarityDistribution(s.Length, s[0], ThresholdCalibration.Percentile(s, 1), ThresholdCalibration.Percentile(s, 5),
            ThresholdCalibration.Percentile(s, 50), ThresholdCalibration.Percentile(s, 95), ThresholdCalibration.Percentile(s, 99), s[^1]);
    }
}

/// <summary>The outcome of <see cref="ThresholdCalibration.Calibrate"/>: both distributions, the threshold and how it was reached.</summary>
public sealed record ThresholdChoiceReport(int Identities, int Photos, SimilarityDistribution Same, SimilarityDistribution Different,
    float Threshold, string Rule, int SameAtOrAbove, int DifferentAtOrAbove, IReadOnlyList<float> SameValues, IReadOnlyList<float> DifferentValues);

/// <summary>
/// The default-threshold procedure (docs/CALIBRATION.md, "Default threshold"): every pair of labelled photos of
/// different identities is a different-person pair, every pair of one identity a same-person pair. Merging two people
/// is worse than missing a link, so the threshold sits in the gap between the highest different-person similarity and
/// the 5th percentile of same-person similarities, <see cref="PrecisionWeight"/> of the way towards the same-person side;
/// when the two overlap (5th percentile at or below the highest different pair), just above the highest different pair.
/// Rounded (up, in the overlap case) to 0.01.
/// </summary>
public static class ThresholdCalibration
{
    public const double PrecisionWeight = 0.75;

    public static ThresholdChoiceReport Calibrate(IReadOnlyList<PhotoEmbedding> photos)
    {
        var same = new List<float>();
        var different = new List<float>();
        for (var i = 0; i < photos.Count; i++)
            for (var j = i + 1; j < photos.Count; j++)
                (photos[i].Identity == photos[j].Identity ? same : different).Add(TensorPrimitives.CosineSimilarity(photos[i].Vector, photos[j].Vector));
        if (same.Count == 0 || different.Count == 0)
            throw new InvalidOperationException($"calibration needs at least two identities and one identity with two photos with a face (got {photos.Select(p => p.Identity).Distinct().Count()} identities, {same.Count} same-person pairs)");
        var s = SimilarityDistribution.Of(same);
        var d = SimilarityDistribution.Of(different);
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        float t;
        string rule;
        if (s.P5 > d.Max)
        {
            var raw = d.Max + PrecisionWeight * (s.P5 - d.Max);
            t = (float)Math.Round(raw, 2);
            rule = string.Create(ci, $"max different {d.Max:0.000} + {PrecisionWeight} x (5th percentile same {s.P5:0.000} - max different) = {raw:0.000} -> {t:0.00}");
        }
        else
        {
            t = (float)(Math.Floor(d.Max * 100 + 1e-9) + 1) / 100;
            rule = string.Create(ci, $"5th percentile same {s.P5:0.000} <= max different {d.Max:0.000}: just above the max different -> {t:0.00}");
        }
        return new ThresholdChoiceReport(photos.Select(p => p.Identity).Distinct().Count(), photos.Count, s, d, t, rule,
            same.Count(v => v >= t), different.Count(v => v >= t), same, different);
    }

    /// <summary>Nearest-rank-interpolated percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<float> sorted, double p)
    {
        var pos = p / 100 * (sorted.Count - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(sorted.Count - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>
    /// Embeds every photo of every identity folder (<c>&lt;folder&gt;/&lt;identity&gt;/*.jpg|png</c>) whose identity
    /// <paramref name="include"/> accepts; photos without a face are listed in <paramref name="noFace"/>.
    /// </summary>
    public static List<PhotoEmbedding> EmbedFolders(IEnumerable<string> folders, PhotoFaces faces, Func<string, bool> include, List<string> noFace)
    {
        var result = new List<PhotoEmbedding>();
        foreach (var folder in folders)
            foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
            {
                var identity = Path.GetFileName(dir);
                if (!include(identity)) continue;
                foreach (var file in Directory.EnumerateFiles(dir).Where(IsPhoto).Order(StringComparer.Ordinal))
                {
                    if (faces.Embed(file) is { } v) result.Add(new PhotoEmbedding(identity, file, v));
                    else noFace.Add(file);
                }
            }
        return result;
    }

    private static bool IsPhoto(string f) => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png";
}
