using System.Text.Json.Serialization;

namespace AdsRecommender.Testing;

/// <summary>One part of a composed test clip, shown for <see cref="Seconds"/>.</summary>
[JsonDerivedType(typeof(ColorSegment), "color")]
[JsonDerivedType(typeof(PhotoSegment), "photo")]
[JsonDerivedType(typeof(SideBySideSegment), "side")]
[JsonDerivedType(typeof(SceneSegment), "scene")]
public abstract record ClipSegment(double Seconds);
