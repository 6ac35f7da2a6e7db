namespace AdsRecommender.Core.Similarity;

/// <summary>The threshold used and a short human-readable account of where it came from (e.g. <c>auto: gmm 0.47</c>).</summary>
public sealed record ThresholdChoice(float Value, string Source);
