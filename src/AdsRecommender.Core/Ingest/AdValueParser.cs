using System.Globalization;
using System.Text.RegularExpressions;

namespace AdsRecommender.Core.Ingest;

/// <summary>Parses and checks the two values of a row; returns a short reason instead of throwing.</summary>
internal static partial class AdValueParser
{
    public const int MaxUrlLength = 2048;

    [GeneratedRegex(@"^\s*[+-]?\d+,\d+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex CommaDecimal();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePrefix();

    public static bool TryParsePerformance(string? text, out double value, out string? reason)
    {
        value = 0;
        reason = null;
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            reason = "Performance is empty";
            return false;
        }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            reason = CommaDecimal().IsMatch(t)
                ? $"Performance '{Show(t)}' has a comma: use a dot as decimal separator ({t.Replace(',', '.')})"
                : $"Performance '{Show(t)}' is not a number";
            return false;
        }
        if (!double.IsFinite(value))
        {
            reason = $"Performance '{Show(t)}' is not a finite number";
            return false;
        }
        return true;
    }

    public static bool TryParseUrl(string? text, out Uri? url, out string? reason)
    {
        url = null;
        reason = null;
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            reason = "Video URL is empty";
            return false;
        }
        if (t.Length > MaxUrlLength)
        {
            reason = $"Video URL is longer than {MaxUrlLength} characters";
            return false;
        }
        if (t.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || t.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') >= 0)
        {
            reason = $"Video URL '{Show(t)}' contains control characters";
            return false;
        }
        var scheme = SchemePrefix().Match(t);
        if (!scheme.Success)
        {
            reason = $"Video URL '{Show(t)}' has no scheme (expected http:// or https://)";
            return false;
        }
        var s = scheme.Value.TrimEnd(':').ToLowerInvariant();
        if (s is not ("http" or "https"))
        {
            reason = $"Video URL scheme '{Show(s)}' is not allowed (only http and https)";
            return false;
        }
        if (!Uri.TryCreate(t, UriKind.Absolute, out var u) || string.IsNullOrEmpty(u.Host)
            || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps))
        {
            reason = $"Video URL '{Show(t)}' is not a valid URL";
            return false;
        }
        url = u;
        return true;
    }

    /// <summary>A value as it may appear in a message: at most 60 characters, control characters shown as '?'.</summary>
    public static string Show(string value)
    {
        var chars = value.Select(c => char.IsControl(c) ? '?' : c).ToArray();
        var s = new string(chars);
        return s.Length <= 60 ? s : s[..57] + "...";
    }
}
