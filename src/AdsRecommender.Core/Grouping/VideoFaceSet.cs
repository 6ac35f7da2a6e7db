namespace AdsRecommender.Core.Grouping;

/// <summary>
/// The vectors of one video with faces: <paramref name="Primary"/> is the most prominent face; <paramref name="Faces"/>
/// lists all recurring faces found in the video, starting with the primary (if empty, the primary alone is used).
/// A video with an empty <paramref name="Primary"/> is treated as having no face and never grouped.
/// </summary>
public sealed record VideoFaceSet(string VideoId, double Performance, float[] Primary, IReadOnlyList<float[]> Faces)
{
    /// <summary>
    /// Optional degraded (shrunk and blurred) embeddings, rows aligned with <see cref="Faces"/> (row 0 = primary); the
    /// references <see cref="WeakFaceAttacher"/> compares tiny blurred faces with. Null for runs that did not store them.
    /// </summary>
    public IReadOnlyList<float[]>? DegradedFaces { get; init; }

    /// <summary>
    /// Optional sharpness of each face, rows aligned with <see cref="Faces"/> (row 0 = primary), for the low-quality pair
    /// gate (<see cref="GroupingOptions.LowQualitySharpness"/>). A face without a value (null list, missing row, NaN:
    /// runs stored before it was recorded) counts as sharp.
    /// </summary>
    public IReadOnlyList<double>? Sharpness { get; init; }

    /// <summary>
    /// Optional faces without cast evidence (stored as background); grouped only when they recur as another video's cast
    /// face (<see cref="GroupingOptions.RecurringFaceCosine"/>). Null or empty: none.
    /// </summary>
    public IReadOnlyList<BackgroundFace>? Background { get; init; }

    /// <summary>
    /// Optional stored row of each face of <see cref="Faces"/> (null or missing: its position), the row its thumbnail is
    /// stored under: a recurring background face is appended after the cast faces, but stored at
    /// <see cref="Runs.FaceMeta.BackgroundRow"/> of its place in <see cref="Background"/>.
    /// </summary>
    public IReadOnlyList<int>? FaceRows { get; init; }

    /// <summary>The stored row of face <paramref name="face"/> (see <see cref="FaceRows"/>).</summary>
    public int StoredRow(int face) => FaceRows is { } rows && face < rows.Count ? rows[face] : face;
}

/// <summary>A face of a video without cast evidence: its embedding, degraded embedding (or null) and sharpness (NaN = unknown).</summary>
public sealed record BackgroundFace(float[] Embedding, float[]? Degraded, double Sharpness);
