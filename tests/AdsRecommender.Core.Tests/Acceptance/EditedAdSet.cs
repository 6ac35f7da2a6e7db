using AdsRecommender.Core.Faces.Calibration;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// The edited-footage part of the protocol (docs/CALIBRATION.md, "Edited ads", issue #25), composed from a split's
/// recurring people: <see cref="LongAds"/> long ads (20-34 s, 1280x720, 1-3 people each in one shot of 1.2-3 s at one of
/// four sizes, 5-10 face-less scenery shots between, libx264's own key frames; every third ad shows its first person in
/// a second shot) and <see cref="SmallSecond"/> single-shot clips whose second person is a quarter to a half of the main
/// face's size. Fixed before any result of it was looked at; do not change it after seeing one.
/// </summary>
internal static class EditedAdSet
{
    /// <summary>How one person is shown in a clip: shot length (the longest of their shots), face height / frame height, number of shots, and for a second person the size relative to the main face.</summary>
    public sealed record Appearance(string Identity, double ShotSeconds, double FaceHeight, int Shots, double? RatioToMain = null);

    public const int LongAds = 10, SmallSecond = 6;
    private static readonly double[] ShotSeconds = [1.2, 1.5, 2.0, 2.5, 3.0];
    private static readonly double[] PhotoScales = [0.9, 0.55, 0.35, 0.2]; // share of the 720 px height the photo may fill
    private static readonly double[] SecondRatios = [0.25, 0.3, 0.35, 0.4, 0.45, 0.5];

    /// <param name="face">photo to (face box height / photo height, photo width, photo height) of its largest face</param>
    public static IReadOnlyList<ProtocolSet.Item> Build(SplitPart part, Func<string, (double FaceShare, int Width, int Height)> face)
    {
        var (recurring, _) = ProtocolSet.People(part);
        var items = new List<ProtocolSet.Item>();
        for (var a = 0; a < LongAds; a++) items.Add(LongAd(a, recurring, face));
        for (var k = 0; k < SmallSecond; k++)
        {
            var (main, second) = (recurring[(2 * k + 1) % recurring.Count], recurring[(2 * k + 8) % recurring.Count]);
            var (mp, sp) = (ProtocolSet.PhotosOf(main)[^2], ProtocolSet.PhotosOf(second)[^2]);
            var scale = SecondRatios[k] * 0.92; // the left photo fills 0.92 of its half
            var spec = new ClipSpec([new SideBySideSegment(mp, sp, 3.0, scale)]);
            var (mh, sh) = (FaceHeight(face(mp), 320 * 0.92, 360 * 0.92, 360), FaceHeight(face(sp), 320 * scale, 360 * scale, 360));
            items.Add(new ProtocolSet.Item($"{main}_with_small_{second}", spec, [main, second], "small_second", main,
                Appearances: [new(main, 3.0, mh, 1), new(second, 3.0, sh, 1, sh / mh)]));
        }
        return items;
    }

    private static ProtocolSet.Item LongAd(int a, IReadOnlyList<string> recurring, Func<string, (double, int, int)> face)
    {
        const int W = 1280, H = 720;
        var people = Enumerable.Range(0, 1 + a % 3).Select(i => recurring[(3 * a + 7 * i) % recurring.Count]).ToList();
        var shots = people.Select((p, i) => (Person: p, Shot: i)).ToList();
        if (a % 3 == 0) shots.Add((people[0], 1)); // the first person again, in a second shot of their own
        var total = 20.0 + 7 * (a % 3);
        var sceneCount = 5 + a % 6;
        var personShots = shots.Select((s, j) =>
        {
            var photos = ProtocolSet.PhotosOf(s.Person);
            var photo = photos.Length > 4 + s.Shot ? photos[4 + s.Shot] : photos[(a + s.Shot + j) % 4];
            var scale = PhotoScales[(a + 3 * j) % PhotoScales.Length];
            var seconds = ShotSeconds[(2 * a + 3 * j) % ShotSeconds.Length];
            var motion = (PhotoMotion)((a + j) % 3);
            return (s.Person, Segment: new PhotoSegment(photo, seconds, motion, Scale: scale), Height: FaceHeight(face(photo), W * scale, H * scale, H));
        }).ToList();
        var sceneSeconds = Math.Round((total - personShots.Sum(p => p.Segment.Seconds)) / sceneCount, 2);
        var segments = new List<ClipSegment>();
        var next = 0;
        for (var s = 0; s < sceneCount; s++)
        {
            segments.Add(new SceneSegment(sceneSeconds, (a + s) % 4, Seed: 1 + (a * 7 + s) % 5));
            // people spread evenly between the scenery shots
            while (next < personShots.Count && s + 1 >= (next + 1) * sceneCount / (double)(personShots.Count + 1)) segments.Add(personShots[next++].Segment);
        }
        while (next < personShots.Count) segments.Add(personShots[next++].Segment);
        var appearances = people.Select(p =>
        {
            var mine = personShots.Where(x => x.Person == p).ToList();
            var longest = mine.MaxBy(x => x.Segment.Seconds);
            return new EditedAdSet.Appearance(p, longest.Segment.Seconds, longest.Height, mine.Count);
        }).ToList();
        return new ProtocolSet.Item($"long_ad_{a:00}", new ClipSpec(segments, W, H), people, "long_ad", people[0], Appearances: appearances);
    }

    /// <summary>Face height / frame height of a photo fitted (aspect kept) into <paramref name="boxW"/> x <paramref name="boxH"/> on a frame <paramref name="frameH"/> high.</summary>
    private static double FaceHeight((double FaceShare, int Width, int Height) f, double boxW, double boxH, double frameH) =>
        f.FaceShare * Math.Min(boxH, boxW * f.Height / f.Width) / frameH;

    /// <summary>Bins for reporting recall.</summary>
    public static string ShotBin(double seconds) => seconds < 1.5 ? "1.2 s" : seconds < 2.0 ? "1.5 s" : seconds < 2.5 ? "2.0 s" : "2.5-3.0 s";
    public static string SizeBin(double faceHeight) => faceHeight < 0.10 ? "< 0.10" : faceHeight < 0.17 ? "0.10-0.17" : faceHeight < 0.28 ? "0.17-0.28" : ">= 0.28";
    public static string RatioBin(double ratio) => ratio < 0.33 ? "0.25-0.33" : ratio < 0.42 ? "0.33-0.42" : "0.42-0.55";
}
