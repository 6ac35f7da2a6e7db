using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Media;

/// <summary>Generated clips with key frames at a fixed pace, for the key-frame plan's tests.</summary>
internal static class KeyFrameClips
{
    /// <summary>
    /// 6.7 s at 25 fps -- person A 2.5 s, person B 1.2 s, person A 3 s -- re-encoded with a key frame every second and none
    /// at the cuts (scene-cut detection off); with <paramref name="bFrames"/> false, no B-frames.
    /// </summary>
    public static async Task<string> EverySecondAsync(TempFolder folder, bool bFrames)
    {
        var spec = new ClipSpec([
            new PhotoSegment(SharedData.Photo("tony_blair", 1), 2.5),
            new PhotoSegment(SharedData.Photo("colin_powell", 1), 1.2),
            new PhotoSegment(SharedData.Photo("tony_blair", 1), 3.0)]);
        var clip = await ClipMaker.GetAsync(spec);
        var path = folder.File("every-second.mp4");
        string[] noB = bFrames ? [] : ["-bf", "0"];
        await ChildProcess.RunCheckedAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", clip, "-c:v", "libx264", "-preset", "veryfast",
            "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", .. noB, "-an", path], Deadline.Short);
        return path;
    }
}
