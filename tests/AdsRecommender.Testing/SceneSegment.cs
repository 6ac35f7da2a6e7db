namespace AdsRecommender.Testing;

/// <summary>
/// A face-less shot of synthetic moving scenery (an ad's product or landscape shot between the people's shots):
/// <see cref="Kind"/> 0 = drifting colour gradients, 1 = a cellular "life" texture, 2 = a scrolling cellular automaton,
/// 3 = a moving test pattern; each with a "product" box sliding across. <see cref="Seed"/> varies the pattern.
/// </summary>
public sealed record SceneSegment(double Seconds, int Kind, int Seed = 1) : ClipSegment(Seconds);
