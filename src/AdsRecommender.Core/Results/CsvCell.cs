using System.Globalization;

namespace AdsRecommender.Core.Results;

/// <summary>
/// Protects spreadsheet users from formula injection: a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// tab or carriage return gets a leading single quote. Numbers (<c>-0.5</c>, <c>+1e3</c>) are left unchanged.
/// </summary>
public static class CsvCell
{
    public static string Safe(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        var c = value[0];
        if (c is not ('=' or '+' or '-' or '@' or '\t' or '\r')) return value;
        if (IsNumber(value)) return value;
        return "'" + value;
    }

    private static bool IsNumber(string value) =>
        value.Length < 64
        && !value.Any(ch => ch is '\t' or '\r' or '\n' or ' ')
        && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
        && double.IsFinite(d);
}
