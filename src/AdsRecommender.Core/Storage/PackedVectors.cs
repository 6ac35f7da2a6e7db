namespace AdsRecommender.Core.Storage;

/// <summary>
/// The index of one batch's packed vectors (<see cref="PackedBatches.PrimariesName"/> and beside it): the videos in row
/// order, each with its number of face rows in the faces matrix (row 0 = primary) and whether its degraded rows are real.
/// Written last, so its presence means the matrices are complete.
/// </summary>
public sealed record PackedIndex(int Dimensions, IReadOnlyList<PackedVideo> Videos);

public sealed record PackedVideo(string VideoId, int Faces, bool Degraded);

/// <summary>One video's stored vectors as the grouping step reads them, from a packed batch or its own files.</summary>
public sealed record StoredVectors(float[] Primary, IReadOnlyList<float[]>? Faces, IReadOnlyList<float[]>? Degraded)
{
    /// <summary>Why the degraded matrix was unreadable, when it was.</summary>
    public string? DegradedProblem { get; init; }
}
