namespace AdsRecommender.Testing;

/// <summary>Two photos side by side: the left one fills most of the left half, the right one is scaled by <see cref="RightScale"/> of the right half.</summary>
public sealed record SideBySideSegment(string LeftPhoto, string RightPhoto, double Seconds = 2.5, double RightScale = 0.5) : ClipSegment(Seconds);
