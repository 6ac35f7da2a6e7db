namespace AdsRecommender.Core.Models;

/// <summary>A model file is missing, unreadable or does not match its recorded sha256. The message says which file and how to install it.</summary>
public sealed class ModelFileException : Exception
{
    public ModelFileException(string message, string? filePath = null, Exception? inner = null) : base(message, inner) => FilePath = filePath;

    /// <summary>The file concerned, when known.</summary>
    public string? FilePath { get; }
}
