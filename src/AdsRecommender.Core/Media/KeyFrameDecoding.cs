namespace AdsRecommender.Core.Media;

/// <summary>
/// Key-frame decoding with the ffmpeg decoder and <see cref="FrameSkip.NonReference"/>: a video whose key frames are at
/// most <paramref name="MaxGapSeconds"/> apart (0 = never) has only its key frames decoded, except the stretches between
/// two key frames whose grey thumbnails differ by at least <paramref name="ChangeDifference"/> grey levels (a cut or a
/// change of scene), which are decoded and sampled as usual (docs/PERFORMANCE.md, "Key frames where they are dense"). The
/// key frames' pictures are kept from the thumbnail pass when all of them fit in <paramref name="PictureMegabytes"/>
/// (0 = never), instead of decoding the key frames again (docs/PERFORMANCE.md, "The decode path's overhead").
/// </summary>
public sealed record KeyFrameDecoding(double MaxGapSeconds, double ChangeDifference, int PictureMegabytes = 64)
{
    /// <summary>Never key frames only.</summary>
    public static KeyFrameDecoding Off { get; } = new(0, 0);
}
