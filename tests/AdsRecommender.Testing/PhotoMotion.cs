namespace AdsRecommender.Testing;

/// <summary>How a photo moves during its segment.</summary>
public enum PhotoMotion
{
    Still,
    /// <summary>Grows slowly by about 15 % over the segment.</summary>
    ZoomIn,
    /// <summary>Slides horizontally by about 60 px over the segment.</summary>
    Pan,
}
