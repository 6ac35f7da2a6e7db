namespace AdsRecommender.Core.Media;

/// <summary>Thrown inside the connect callback when no resolved address is allowed; unwrapped by the downloader.</summary>
internal sealed class UrlRefusedException(string reason) : Exception(reason);
