namespace AdsRecommender.Testing;

/// <summary>
/// A photo on the background canvas. <see cref="Scale"/> is the share of the canvas the photo may fill (fit, aspect kept);
/// <see cref="Cover"/> is a black box drawn over the photo before scaling, in fractions of the photo (e.g. over the lower face).
/// </summary>
public sealed record PhotoSegment(
    string Photo,
    double Seconds = 2.5,
    PhotoMotion Motion = PhotoMotion.Still,
    PhotoEffects Effects = PhotoEffects.None,
    double Scale = 0.9,
    RelativeBox? Cover = null) : ClipSegment(Seconds);
