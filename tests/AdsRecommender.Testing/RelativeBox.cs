namespace AdsRecommender.Testing;

/// <summary>A rectangle in fractions (0..1) of an image's width and height.</summary>
public sealed record RelativeBox(double X, double Y, double Width, double Height);
