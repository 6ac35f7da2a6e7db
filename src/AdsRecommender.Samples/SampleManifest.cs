namespace AdsRecommender.Samples;

/// <summary><c>docs/sample_manifest.json</c>: where each sample file comes from upstream and its SHA-256.</summary>
public sealed record SampleManifest(IReadOnlyList<SampleManifestEntry> Files);
