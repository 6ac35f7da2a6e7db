using System.Text;

namespace AdsRecommender.Core.Media;

/// <summary>Tells video containers from other content by their first bytes (magic numbers), before a download is kept.</summary>
public static class VideoSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> wants (fewer are fine at the end of the file).</summary>
    public const int PrefixLength = 512;

    /// <summary>Returns the container name ("MP4/MOV", ...) or null, with the reason when it is not a video.</summary>
    public static string? Sniff(ReadOnlySpan<byte> b, out string? reason)
    {
        reason = null;
        if (b.Length == 0)
        {
            reason = "not a video (empty response, 0 bytes)";
            return null;
        }
        if (b.Length >= 8 && At(b, 4, "ftyp")) return "MP4/MOV";
        if (b.Length >= 8 && (At(b, 4, "moov") || At(b, 4, "mdat") || At(b, 4, "wide") || At(b, 4, "free") || At(b, 4, "skip")))
            return "QuickTime";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])) return "WebM/Matroska";
        if (b.Length >= 12 && At(b, 0, "RIFF") && At(b, 8, "AVI ")) return "AVI";
        if (b.Length >= 3 && At(b, 0, "FLV") && (b.Length < 4 || b[3] == 1)) return "FLV";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0xBA])) return "MPEG-PS";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11])) return "ASF/WMV";
        if (b.Length > 188 && b[0] == 0x47 && b[188] == 0x47 && (b.Length <= 376 || b[376] == 0x47)) return "MPEG-TS"; // 188-byte packets

        reason = $"not a video (looks like {Describe(b)})";
        return null;
    }

    private static string Describe(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])) return "a PNG image";
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "a JPEG image";
        if (b.Length >= 4 && At(b, 0, "GIF8")) return "a GIF image";
        if (b.Length >= 12 && At(b, 0, "RIFF") && At(b, 8, "WEBP")) return "a WebP image";
        if (b.Length >= 12 && At(b, 0, "RIFF") && At(b, 8, "WAVE")) return "WAV audio";
        if (b.Length >= 4 && At(b, 0, "%PDF")) return "a PDF document";
        if (b.StartsWith((ReadOnlySpan<byte>)[(byte)'P', (byte)'K', 3, 4])) return "a ZIP archive";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return "gzip data";
        if (b.Length >= 3 && (At(b, 0, "ID3") || (b[0] == 0xFF && (b[1] & 0xE0) == 0xE0))) return "MP3 audio";

        var text = TextStart(b);
        if (text is not null)
        {
            if (text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
                return text.Contains("<svg", StringComparison.OrdinalIgnoreCase) ? "an SVG image" : "XML";
            if (text.StartsWith('<')) return "HTML";
            if (text.StartsWith('{') || text.StartsWith('[')) return "JSON";
            if (text.StartsWith("#EXTM3U", StringComparison.Ordinal)) return "an HLS playlist, not a video file";
            return "text";
        }
        var hex = Convert.ToHexString(b[..Math.Min(8, b.Length)]);
        return $"an unknown format, first bytes {hex}";
    }

    /// <summary>The start of the content as text when it is mostly printable UTF-8 (BOM and leading whitespace removed).</summary>
    private static string? TextStart(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) b = b[3..];
        var sample = b[..Math.Min(b.Length, 256)];
        var printable = 0;
        foreach (var x in sample)
            if (x is >= 0x20 and < 0x7F or (byte)'\r' or (byte)'\n' or (byte)'\t' || x >= 0x80) printable++;
        if (sample.Length == 0 || printable < sample.Length * 0.95) return null;
        return Encoding.UTF8.GetString(sample).TrimStart();
    }

    private static bool At(ReadOnlySpan<byte> b, int offset, string ascii)
    {
        if (b.Length < offset + ascii.Length) return false;
        for (var i = 0; i < ascii.Length; i++)
            if (b[offset + i] != (byte)ascii[i]) return false;
        return true;
    }
}
