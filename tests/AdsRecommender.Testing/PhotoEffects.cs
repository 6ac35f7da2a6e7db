namespace AdsRecommender.Testing;

/// <summary>Image degradations applied to a photo segment.</summary>
[Flags]
public enum PhotoEffects
{
    None = 0,
    /// <summary>Box blur after scaling (use with a small <see cref="PhotoSegment.Scale"/> for a small, soft face).</summary>
    Blur = 1,
    /// <summary>Output levels cut to about a third: a dark, low-contrast shot.</summary>
    Dark = 2,
    Grayscale = 4,
    /// <summary>Horizontally flipped.</summary>
    Mirror = 8,
    /// <summary>Hue turned by 30 degrees.</summary>
    ColourShift = 16,
}
