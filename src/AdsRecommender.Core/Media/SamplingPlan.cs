namespace AdsRecommender.Core.Media;

/// <summary>
/// Which frames <see cref="FrameSampler"/> will take, told to the decoder before the first frame so it converts only those:
/// the first frame with index + 0.5 &gt;= <paramref name="First"/> + k x <paramref name="Interval"/>, for each k. With
/// <paramref name="EveryFrame"/> (motion sampling, where each next sample depends on the last) every frame is delivered.
/// </summary>
internal sealed record SamplingPlan(double First, double Interval, bool EveryFrame);
