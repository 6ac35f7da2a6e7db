using AdsRecommender.Core.Faces.Calibration;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// The composed clips of one split of the evaluation protocol (docs/CALIBRATION.md, "Protocol"): 20 recurring people in
/// 4 clips each (4 photos, one treatment each), six two-person clips, 15 people seen once, 3 face-less clips and 2 broken
/// files. The composition is fixed by the protocol; do not change it after seeing a result.
/// </summary>
internal static class ProtocolSet
{
    /// <summary>
    /// One clip: the true identities (two for a two-person clip, none for clips that must not be grouped), the treatment
    /// (null for two-person, face-less and broken clips) and the bootstrap unit it is resampled with.
    /// </summary>
    /// <remarks><paramref name="Appearances"/>: for an edited ad or a clip with a smaller second person, how each person is shown (recall by shot length and face size).</remarks>
    public sealed record Item(string Name, ClipSpec? Spec, IReadOnlyList<string> Identities, string? Treatment, string Unit, byte[]? RawBytes = null,
        IReadOnlyList<EditedAdSet.Appearance>? Appearances = null);

    public static readonly string[] Treatments = ["dark", "grayscale", "lowres_blur", "covered", "mirror_colour", "slow_pan", "outro"];
    public const int Recurring = 20, SeenOnce = 15, TwoPersonClips = 6;

    /// <param name="lowerFace">photo path to the lower-face box to cover (fractions of the photo), from its largest face</param>
    public static IReadOnlyList<Item> Build(SplitPart part, Func<string, RelativeBox> lowerFace)
    {
        var (recurring, once) = People(part);

        var items = new List<Item>();
        for (var r = 0; r < recurring.Count; r++)
        {
            var photos = PhotosOf(recurring[r]);
            for (var j = 1; j <= 4; j++)
            {
                var t = Treatments[(r + j - 1) % Treatments.Length];
                items.Add(new Item($"{recurring[r]}_{j}_{t}", Clip(t, photos[j - 1], lowerFace), [recurring[r]], t, recurring[r]));
            }
        }
        for (var r = 0; r < 2 * TwoPersonClips; r += 2)
        {
            var (a, b) = (recurring[r], recurring[r + 1]);
            items.Add(new Item($"{a}_and_{b}", ClipSpec.TwoPeople(PhotosOf(a)[^1], PhotosOf(b)[^1], 2.0, 0.7 * 0.92), [a, b], null, a));
        }
        for (var s = 0; s < once.Count; s++)
        {
            var t = Treatments[s % Treatments.Length];
            items.Add(new Item($"{once[s]}_once_{t}", Clip(t, PhotosOf(once[s])[0], lowerFace), [once[s]], t, once[s]));
        }
        items.Add(new Item("no_face_1", ClipSpec.NoFace(1.5), [], null, "no_face_1"));
        items.Add(new Item("no_face_2", ClipSpec.NoFace(2.0), [], null, "no_face_2"));
        items.Add(new Item("no_face_shapes", new ClipSpec([new ColorSegment(2.0, "0x000000", WithShapes: false)]), [], null, "no_face_shapes"));
        items.Add(new Item("broken_cut", items[0].Spec, [], null, "broken_cut", RawBytes: []));
        items.Add(new Item("broken_bytes", null, [], null, "broken_bytes", RawBytes: "\0\0\0\u0018ftypmp42 not really a video"u8.ToArray()));
        return items;
    }

    /// <summary>The split's recurring people (in key order) and people seen once.</summary>
    public static (IReadOnlyList<string> Recurring, IReadOnlyList<string> Once) People(SplitPart part)
    {
        var ids = IdentitySplit.Of(SharedData.ProtocolIdentities().Keys, part);
        var recurring = ids.Where(id => PhotosOf(id).Length >= 4).Take(Recurring).ToList();
        var once = ids.Except(recurring).Take(SeenOnce).ToList();
        if (recurring.Count < Recurring) throw new InvalidOperationException($"{part}: only {recurring.Count} identities with 4 photos");
        return (recurring, once);
    }

    /// <summary>An identity's photos in number order.</summary>
    public static string[] PhotosOf(string id) =>
        Directory.GetFiles(SharedData.ProtocolIdentities()[id], "*.jpg").OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f))).ToArray();

    /// <summary>
    /// The protocol's lower-face cover for a photo: from halfway between the nose tip and the mouth corners of its largest
    /// face down to 10 % of the box height below the box, the box width plus 10 % each side (fractions of the photo).
    /// </summary>
    public static Func<string, RelativeBox> LowerFace(PhotoFaces photos) => photo =>
    {
        var (face, size) = photos.LargestFace(photo) ?? throw new InvalidOperationException($"no face in {photo}");
        var b = face.Box;
        var top = face.Landmarks[2].Y + 0.5 * ((face.Landmarks[3].Y + face.Landmarks[4].Y) / 2 - face.Landmarks[2].Y);
        var bottom = Math.Min(size.Height, b.Y + 1.1 * b.Height);
        var left = Math.Max(0, b.X - 0.1 * b.Width);
        var right = Math.Min(size.Width, b.X + 1.1 * b.Width);
        return new RelativeBox(left / size.Width, top / size.Height, (right - left) / size.Width, (bottom - top) / size.Height);
    };

    /// <summary>A photo's largest face: its box height as a share of the photo's height, and the photo's size.</summary>
    public static Func<string, (double FaceShare, int Width, int Height)> FaceShare(PhotoFaces photos) => photo =>
    {
        var (face, size) = photos.LargestFace(photo) ?? throw new InvalidOperationException($"no face in {photo}");
        return (face.Box.Height / size.Height, size.Width, size.Height);
    };

    /// <summary>The whole protocol of a split: the single-shot clips of <see cref="Build"/> and the edited-footage clips of <see cref="EditedAdSet"/>.</summary>
    public static IReadOnlyList<Item> BuildAll(SplitPart part, PhotoFaces photos) =>
        [.. Build(part, LowerFace(photos)), .. EditedAdSet.Build(part, FaceShare(photos))];

    /// <summary>The clips for <see cref="AnalyzedSet.AnalyzeAsync(IReadOnlyList{ValueTuple{string, Func{string, Task}}}, AdsRecommender.Core.Faces.FaceModelOptions, AdsRecommender.Core.Faces.FaceSamplingOptions, Action{string, AdsRecommender.Core.Faces.VideoFaces})"/>.</summary>
    public static IReadOnlyList<(string Name, Func<string, Task> Write)> Clips(IReadOnlyList<Item> items) =>
        items.Select(i => (i.Name, (Func<string, Task>)(path => WriteAsync(i, path)))).ToList();

    /// <summary>Encodes every composed clip (two ffmpeg processes at a time) so analysis then reads cached files.</summary>
    public static Task EncodeAsync(IReadOnlyList<Item> items) =>
        Parallel.ForEachAsync(items.Where(i => i.Spec is not null), new ParallelOptions { MaxDegreeOfParallelism = 2 },
            async (i, ct) => await ClipMaker.GetAsync(i.Spec!, ct));

    /// <summary>The file of a clip: the composed clip, or for a broken item its bytes (an empty RawBytes with a spec: the clip cut to its first 2 KB).</summary>
    public static async Task WriteAsync(Item item, string path)
    {
        if (item.RawBytes is { Length: > 0 } raw) await File.WriteAllBytesAsync(path, raw);
        else if (item.RawBytes is not null) await File.WriteAllBytesAsync(path, (await File.ReadAllBytesAsync(await ClipMaker.GetAsync(item.Spec!)))[..2048]);
        else File.Copy(await ClipMaker.GetAsync(item.Spec!), path, overwrite: true);
    }

    private static ClipSpec Clip(string treatment, string photo, Func<string, RelativeBox> lowerFace) => treatment switch
    {
        "dark" => new ClipSpec([new ColorSegment(0.5), new PhotoSegment(photo, 2.0, PhotoMotion.Still, PhotoEffects.Dark)]),
        "grayscale" => ClipSpec.Still(photo, 2.0, PhotoEffects.Grayscale),
        "lowres_blur" => new ClipSpec([new PhotoSegment(photo, 2.0, PhotoMotion.Still, PhotoEffects.Blur, Scale: 0.5)], Width: 426, Height: 240, Crf: 40),
        "covered" => new ClipSpec([new PhotoSegment(photo, 2.0, Cover: lowerFace(photo))]),
        "mirror_colour" => ClipSpec.Still(photo, 2.0, PhotoEffects.Mirror | PhotoEffects.ColourShift),
        "slow_pan" => new ClipSpec([new PhotoSegment(photo, 3.0, PhotoMotion.Pan)]),
        "outro" => new ClipSpec([new PhotoSegment(photo, 1.5, PhotoMotion.ZoomIn), new ColorSegment(2.5)]),
        _ => throw new ArgumentOutOfRangeException(nameof(treatment), treatment, null),
    };
}
