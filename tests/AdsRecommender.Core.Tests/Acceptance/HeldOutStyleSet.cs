using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// A small smoke-test set built like the held-out acceptance set, from identities that were not used to calibrate the
/// photo-pair threshold (docs/CALIBRATION.md), but that are in the protocol's calibration and validation splits: each person in several clips made from different photos and degraded
/// differently (small and blurred, dark, grayscale, partly covered, mirrored), a smaller second face, people who appear
/// only once, clips with no face, and a broken file.
/// </summary>
internal static class HeldOutStyleSet
{
    /// <summary>Identity of the most prominent face, or null for clips that must not be grouped.</summary>
    public sealed record Item(string Name, ClipSpec? Spec, string? Identity, byte[]? RawBytes = null);

    public static IReadOnlyList<Item> Build() => Build(EvaluationIdentities, Singletons, secondFace: SharedData.Photo("kit_harington", 1), onceMore: ("scarlett_johansson", 2));

    /// <summary>The same shape of set from calibration identities: used to choose the weak-member rule, never to report.</summary>
    public static IReadOnlyList<Item> BuildCalibration() => Build(CalibrationIdentities, [("marissa_mayer", 1), ("sundar_pichai", 1), ("jeff_bezos", 1)], secondFace: SharedData.Photo("alex_lacamoire", 1), onceMore: ("jennifer_aniston", 2));

    private static IReadOnlyList<Item> Build(string[] identities, (string Id, int N)[] singletons, string secondFace, (string Id, int N) onceMore)
    {
        var items = new List<Item>();
        void Add(string identity, int photo, string how, PhotoSegment segment) =>
            items.Add(new Item($"{identity}_{photo}_{how}", new ClipSpec([new ColorSegment(0.5), segment]), identity));
        string P(string identity, int n) => SharedData.Photo(identity, n);

        foreach (var id in identities)
        {
            Add(id, 1, "clean", new PhotoSegment(P(id, 1), 2.0, PhotoMotion.ZoomIn));
            Add(id, 2, "small_blur", new PhotoSegment(P(id, 2), 2.0, PhotoMotion.Still, PhotoEffects.Blur, Scale: 0.35));
            Add(id, 3, "dark", new PhotoSegment(P(id, 3), 2.0, PhotoMotion.Still, PhotoEffects.Dark));
            Add(id, 4, "gray_mirror", new PhotoSegment(P(id, 4), 2.0, PhotoMotion.Still, PhotoEffects.Grayscale | PhotoEffects.Mirror));
            Add(id, 5, "covered", new PhotoSegment(P(id, 5), 2.0, Cover: new RelativeBox(0.25, 0.72, 0.5, 0.28)));
        }

        // A person with a smaller second face beside them: the second person appears nowhere else.
        items.Add(new Item("two_people", new ClipSpec([new SideBySideSegment(P(identities[0], 1), secondFace, 2.0, 0.5)]),
            identities[0]));
        // People who appear only once.
        foreach (var (id, n) in singletons)
            items.Add(new Item($"{id}_once", ClipSpec.Still(Path.Combine(SharedData.ExtraPhotos, id, $"{n}.jpg")), id));
        items.Add(new Item($"{onceMore.Id}_once", ClipSpec.WithIntro(P(onceMore.Id, onceMore.N)), onceMore.Id));
        items.Add(new Item("no_face_1", ClipSpec.NoFace(1.5), null));
        items.Add(new Item("no_face_2", ClipSpec.NoFace(2.0), null));
        items.Add(new Item("broken", null, null, RawBytes: "\0\0\0\u0018ftypmp42 not really a video"u8.ToArray()));
        return items;
    }

    /// <summary>Held out from threshold calibration (docs/CALIBRATION.md), five photos each.</summary>
    public static readonly string[] EvaluationIdentities = ["colin_powell", "jack_dorsey", "tony_blair", "joe_biden", "angelina_jolie"];

    /// <summary>Used to calibrate (docs/CALIBRATION.md); five photos or more each.</summary>
    public static readonly string[] CalibrationIdentities = ["barack_obama", "george_w_bush", "laura_bush", "serena_williams", "vladimir_putin", "katy_perry"];

    private static readonly (string Id, int N)[] Singletons = [("rose_leslie", 1), ("lin_manuel_miranda", 1)];
}
