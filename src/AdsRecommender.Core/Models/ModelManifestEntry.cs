namespace AdsRecommender.Core.Models;

/// <summary>One model listed in <c>models/models.json</c>.</summary>
public sealed record ModelManifestEntry(string File, string Role, string Sha256, string? Licence, string? Upstream, string? Input);
