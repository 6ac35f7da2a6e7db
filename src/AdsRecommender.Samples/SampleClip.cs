namespace AdsRecommender.Samples;

/// <summary>One clip of the demo sample: how it is made and the (made-up) performance given to it in the CSV.</summary>
/// <param name="Photos">Photos (relative to shared/data) shown: one, two (side by side) or none (a faceless clip).</param>
/// <param name="Video">A real video (relative to shared/data) used as is instead of photos.</param>
/// <param name="Expect">Who is in it, for the reader of the demo CSV.</param>
public sealed record SampleClip(string Name, double Performance, IReadOnlyList<string> Photos, string? Video, string Expect);
