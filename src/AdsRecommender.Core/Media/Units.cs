using System.Globalization;

namespace AdsRecommender.Core.Media;

/// <summary>Sizes and durations as they appear in reasons: "200 MiB", "20 s", "2 min".</summary>
internal static class Units
{
    public static string Bytes(long n) => n switch
    {
        >= DownloadOptions.MiB when n % DownloadOptions.MiB == 0 => string.Create(CultureInfo.InvariantCulture, $"{n / DownloadOptions.MiB} MiB"),
        >= 1024 when n % 1024 == 0 => string.Create(CultureInfo.InvariantCulture, $"{n / 1024} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{n} bytes"),
    };

    public static string Duration(TimeSpan t)
    {
        if (t.TotalSeconds < 1) return string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0} ms");
        if (t.TotalSeconds >= 120 && t.TotalSeconds % 60 == 0) return string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0} min");
        return string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.#} s");
    }
}
