using System.Globalization;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Grouping;

/// <summary>The grouping threshold: the histogram it is chosen from (or, when not auto, a bounded sample for the report) and the choice.</summary>
internal static class GroupingThreshold
{
    /// <summary>The primary pairs' histogram of at most <see cref="GroupingEngine.HistogramSampleRows"/> evenly spaced videos.</summary>
    public static SimilarityHistogram Sample(EmbeddingMatrix primaries, int dop)
    {
        if (primaries.Rows <= GroupingEngine.HistogramSampleRows) return CosineSimilarity.Distribution(primaries, dop);
        var sample = new List<float[]>(GroupingEngine.HistogramSampleRows);
        for (var k = 0; k < GroupingEngine.HistogramSampleRows; k++)
            sample.Add(primaries.Row((int)((long)k * primaries.Rows / GroupingEngine.HistogramSampleRows)).ToArray());
        return CosineSimilarity.Distribution(EmbeddingMatrix.FromRows(sample), dop);
    }

    public static ThresholdChoice Choose(GroupingOptions options, SimilarityHistogram histogram, int videoCount) => options.Threshold.Kind switch
    {
        ThresholdKind.Fixed => new ThresholdChoice(options.Threshold.Value, string.Create(CultureInfo.InvariantCulture, $"fixed {options.Threshold.Value:0.00}")),
        ThresholdKind.Auto => AutoThreshold.Choose(histogram, videoCount, options.DefaultThreshold),
        _ => new ThresholdChoice(options.DefaultThreshold, string.Create(CultureInfo.InvariantCulture, $"default {options.DefaultThreshold:0.00}")),
    };
}
