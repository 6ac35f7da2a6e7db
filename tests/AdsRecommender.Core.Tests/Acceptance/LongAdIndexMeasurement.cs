using AdsRecommender.Core.Faces.Calibration;
using AdsRecommender.Core.Tests.Faces;
using AdsRecommender.Core.Tests.Media;
using AdsRecommender.Testing;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>
/// The long ads of every split, the test split's included, composed and encoded (nothing analysed, nothing scored: the test
/// split's accuracy is not looked at) and their MP4 index read here compared with ffprobe's record (<see cref="Mp4IndexTests"/>).
/// Encoding the ads that are not cached takes minutes: on demand, <c>ADSREC_MEASURE=1</c>.
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class LongAdIndexMeasurement(ITestOutputHelper output)
{
    [MeasureFact]
    public async Task The_long_ads_of_every_split_read_here_equal_ffprobes_record()
    {
        using var fx = new FaceAnalyzerFixture();
        foreach (var split in Enum.GetValues<SplitPart>())
        {
            var ads = EditedAdSet.Build(split, ProtocolSet.FaceShare(fx.Photos)).Where(EditedAdScore.IsLongAd).ToList();
            await ProtocolSet.EncodeAsync(ads);
            var paths = new List<string>();
            foreach (var ad in ads) paths.Add(await ClipMaker.GetAsync(ad.Spec!));
            var (differing, left) = Mp4IndexTests.Compare(paths);
            output.WriteLine($"{split}: {paths.Count} long ads, {differing.Count} differ, {left.Count} left to ffprobe");
            Assert.True(differing.Count == 0, string.Join("\n", differing));
            Assert.Empty(left);
        }
    }
}
