namespace AdsRecommender.Core.Vectors;

/// <summary>A <c>.npy</c> stream that is not a float array this reader understands; the message says what is wrong.</summary>
public sealed class NpyFormatException(string message) : Exception(message);
