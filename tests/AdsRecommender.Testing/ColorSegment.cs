namespace AdsRecommender.Testing;

/// <summary>A segment with no face: a solid colour (an ad's intro or end card), optionally with a few plain boxes on it.</summary>
public sealed record ColorSegment(double Seconds = 1.0, string Color = "0x1e3a5f", bool WithShapes = true) : ClipSegment(Seconds);
