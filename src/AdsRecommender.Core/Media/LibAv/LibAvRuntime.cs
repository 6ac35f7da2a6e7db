using static AdsRecommender.Core.Media.LibAv.LibAvNative;

namespace AdsRecommender.Core.Media.LibAv;

/// <summary>Loads the FFmpeg libraries once and checks they are the ABI <see cref="LibAvNative"/> was written for.</summary>
internal static class LibAvRuntime
{
    private static readonly Lazy<string> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// "libavformat 59.27.100, ..." once the libraries load; throws <see cref="DllNotFoundException"/> when one is missing
    /// and <see cref="BadImageFormatException"/> for another major version (both count as the machine's fault, with the fix).
    /// </summary>
    public static string EnsureLoaded() => Loaded.Value;

    private static string Load()
    {
        (string Name, uint Version, int Major)[] libraries =
        [
            (Format, avformat_version(), FormatMajor), (Codec, avcodec_version(), CodecMajor),
            (Util, avutil_version(), UtilMajor), (Scale, swscale_version(), ScaleMajor),
        ];
        foreach (var (name, version, major) in libraries)
        {
            if ((int)(version >> 16) != major)
                throw new BadImageFormatException($"{name} reports version {Text(version)}; this build reads FFmpeg 5.1's ABI (major {major})");
        }
        av_log_set_level(LogQuiet); // a damaged frame is counted by the reader, not printed by FFmpeg on the console
        return string.Join(", ", libraries.Select(l => $"{Path.GetFileNameWithoutExtension(l.Name.Split(".so")[0])} {Text(l.Version)}"));
    }

    private static string Text(uint version) => $"{version >> 16}.{(version >> 8) & 0xFF}.{version & 0xFF}";
}
