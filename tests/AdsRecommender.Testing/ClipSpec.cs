namespace AdsRecommender.Testing;

/// <summary>A short H.264 clip composed from segments on a <see cref="Width"/> x <see cref="Height"/> canvas, encoded at x264 quality <see cref="Crf"/> (higher: more compressed).</summary>
public sealed record ClipSpec(IReadOnlyList<ClipSegment> Segments, int Width = 640, int Height = 360, int Fps = 25, string Background = "0x303030", int Crf = 23)
{
    public double Seconds => Segments.Sum(s => s.Seconds);

    /// <summary>One photo, still, for <paramref name="seconds"/>.</summary>
    public static ClipSpec Still(string photo, double seconds = 2.0, PhotoEffects effects = PhotoEffects.None, double scale = 0.9) =>
        new([new PhotoSegment(photo, seconds, PhotoMotion.Still, effects, scale)]);

    /// <summary>A faceless intro, then the photo slowly zooming: the usual shape of a short ad.</summary>
    public static ClipSpec WithIntro(string photo, double introSeconds = 0.8, double photoSeconds = 2.0, PhotoMotion motion = PhotoMotion.ZoomIn) =>
        new([new ColorSegment(introSeconds), new PhotoSegment(photo, photoSeconds, motion)]);

    /// <summary>Two people side by side, the second one smaller.</summary>
    public static ClipSpec TwoPeople(string largerPhoto, string smallerPhoto, double seconds = 2.0, double smallerScale = 0.5) =>
        new([new SideBySideSegment(largerPhoto, smallerPhoto, seconds, smallerScale)]);

    /// <summary>No face at all.</summary>
    public static ClipSpec NoFace(double seconds = 1.5) => new([new ColorSegment(seconds)]);
}
