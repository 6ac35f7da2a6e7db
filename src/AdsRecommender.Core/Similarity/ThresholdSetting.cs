using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Serialization;

namespace AdsRecommender.Core.Similarity;

/// <summary>How the similarity threshold is chosen: <c>default</c>, <c>auto</c>, or a fixed cosine in [-1, 1].</summary>
[JsonConverter(typeof(ThresholdSettingJsonConverter))]
[TypeConverter(typeof(ThresholdSettingTypeConverter))]
public sealed record ThresholdSetting
{
    private ThresholdSetting(ThresholdKind kind, float value)
    {
        Kind = kind;
        Value = value;
    }

    public ThresholdKind Kind { get; }

    /// <summary>The fixed value; only meaningful when <see cref="Kind"/> is <see cref="ThresholdKind.Fixed"/>.</summary>
    public float Value { get; }

    public static ThresholdSetting Default { get; } = new(ThresholdKind.Default, float.NaN);

    public static ThresholdSetting Auto { get; } = new(ThresholdKind.Auto, float.NaN);

    public static ThresholdSetting Fixed(float value)
    {
        if (!float.IsFinite(value) || value < -1f || value > 1f)
            throw new ArgumentOutOfRangeException(nameof(value), value, "A cosine similarity threshold must be between -1 and 1.");
        return new ThresholdSetting(ThresholdKind.Fixed, value);
    }

    /// <summary>Parses <c>default</c>, <c>auto</c> (any case) or a number such as <c>0.42</c> (invariant culture, in [-1, 1]).</summary>
    public static ThresholdSetting Parse(string? text)
    {
        var t = text?.Trim() ?? "";
        if (t.Equals("default", StringComparison.OrdinalIgnoreCase)) return Default;
        if (t.Equals("auto", StringComparison.OrdinalIgnoreCase)) return Auto;
        if (float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v))
        {
            if (v is < -1f or > 1f)
                throw new ArgumentException($"Threshold {t} is out of range: a cosine similarity threshold must be between -1 and 1.", nameof(text));
            return Fixed(v);
        }
        throw new ArgumentException(
            $"Threshold '{text}' is not valid: use 'default', 'auto', or a number between -1 and 1 with a '.' decimal point (e.g. 0.42).",
            nameof(text));
    }

    public static bool TryParse(string? text, out ThresholdSetting setting)
    {
        try
        {
            setting = Parse(text);
            return true;
        }
        catch (ArgumentException)
        {
            setting = Default;
            return false;
        }
    }

    public override string ToString() => Kind switch
    {
        ThresholdKind.Fixed => Value.ToString("0.###", CultureInfo.InvariantCulture),
        ThresholdKind.Auto => "auto",
        _ => "default",
    };
}
