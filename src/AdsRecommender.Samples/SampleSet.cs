namespace AdsRecommender.Samples;

/// <summary>
/// The demo's ten ads: three identities in two or three clips each made from different photos, two people side by side,
/// one clip with no face and one real video. Performance numbers are invented.
/// </summary>
public static class SampleSet
{
    public static IReadOnlyList<SampleClip> Clips { get; } =
    [
        new("jolie_a", 0.62, ["photos/angelina_jolie/2.jpg"], null, "Angelina Jolie"),
        new("aniston_a", 0.35, ["photos/jennifer_aniston/1.jpg"], null, "Jennifer Aniston"),
        new("biden_a", 0.48, ["photos/joe_biden/1.jpg"], null, "Joe Biden"),
        new("jolie_b", 0.71, ["photos/angelina_jolie/3.jpg"], null, "Angelina Jolie"),
        new("no_face", 0.12, [], null, "nobody (title card)"),
        new("aniston_b", 0.29, ["photos/jennifer_aniston/3.jpg"], null, "Jennifer Aniston"),
        new("pair_aniston_obama", 0.55, ["photos/jennifer_aniston/4.jpg", "photos/barack_obama/1.jpg"], null, "Jennifer Aniston and Barack Obama"),
        new("biden_b", 0.44, ["photos/joe_biden/2.jpg"], null, "Joe Biden"),
        new("jolie_c", 0.66, ["photos/angelina_jolie/6.jpg"], null, "Angelina Jolie"),
        new("obama_real", 0.58, [], "videos/obama_whcd__barack_obama.mp4", "Barack Obama (real video)"),
    ];

    /// <summary>Every shared/data file the sample needs.</summary>
    public static IEnumerable<string> Files => Clips.SelectMany(c => c.Video is null ? c.Photos : [c.Video]).Distinct();
}
