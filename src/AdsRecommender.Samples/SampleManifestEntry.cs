namespace AdsRecommender.Samples;

public sealed record SampleManifestEntry(string File, string Url, string Sha256, string Source, string License);
