namespace AdsRecommender.Core.Similarity;

public enum ThresholdKind
{
    /// <summary>The calibrated default cosine threshold.</summary>
    Default,

    /// <summary>Chosen from the similarity distribution of the run (see <see cref="AutoThreshold"/>).</summary>
    Auto,

    /// <summary>A value given by the user.</summary>
    Fixed,
}
