using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdsRecommender.Core.Similarity;

/// <summary>
/// <see cref="ThresholdSetting"/> as its text ("default", "auto", "0.42") in durable messages, so runs started before
/// the setting was typed (when it travelled as that string) still resume.
/// </summary>
public sealed class ThresholdSettingJsonConverter : JsonConverter<ThresholdSetting>
{
    public override ThresholdSetting Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? ThresholdSetting.Fixed(reader.GetSingle())
            : ThresholdSetting.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, ThresholdSetting value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary>Lets configuration bind <c>AdsRecommender:Threshold</c> straight into a <see cref="ThresholdSetting"/>.</summary>
public sealed class ThresholdSettingTypeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? ThresholdSetting.Parse(text) : base.ConvertFrom(context, culture, value);
}
