using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Faces;

[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class ClipMakerTests
{
    [Fact]
    public async Task Composed_clip_is_h264_at_the_requested_size_and_length()
    {
        var spec = new ClipSpec([
            new ColorSegment(0.6),
            new PhotoSegment(SharedData.Photo("barack_obama", 1), 1.2, PhotoMotion.ZoomIn),
            new SideBySideSegment(SharedData.Photo("joe_biden", 2), SharedData.Photo("katy_perry", 4), 0.8),
        ]);
        var path = await ClipMaker.MakeAsync(Path.Combine(Path.GetTempPath(), $"clipmaker-{Guid.NewGuid():N}.mp4"), spec);
        try
        {
            var probe = await ProbeAsync(path);
            Assert.Equal("h264,640,360,yuv420p", probe[0]);
            var seconds = double.Parse(probe[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 2.4, 2.8);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Same_spec_is_encoded_once_and_served_from_the_cache()
    {
        var spec = ClipSpec.Still(SharedData.Photo("tony_blair", 1), 0.5, PhotoEffects.Grayscale | PhotoEffects.Mirror);
        var first = await ClipMaker.GetAsync(spec);
        var written = File.GetLastWriteTimeUtc(first);
        var second = await ClipMaker.GetAsync(spec with { });
        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second));
        var other = await ClipMaker.GetAsync(ClipSpec.Still(SharedData.Photo("tony_blair", 1), 0.5, PhotoEffects.Dark));
        Assert.NotEqual(first, other);
    }

    private static async Task<string[]> ProbeAsync(string path)
    {
        var result = await ChildProcess.RunCheckedAsync("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height,pix_fmt:format=duration", "-of", "csv=p=0", path],
            Deadline.Short);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
