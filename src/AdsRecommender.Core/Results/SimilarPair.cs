namespace AdsRecommender.Core.Results;

/// <summary>Two videos whose primary faces are at least as similar as the threshold (one row of the pairs CSV).</summary>
public sealed record SimilarPair(string Video1, string Video2, float Similarity, double Performance1, double Performance2)
{
    public double AveragePerformance => (Performance1 + Performance2) / 2.0;
}
