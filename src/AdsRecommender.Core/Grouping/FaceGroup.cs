namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Videos that share a recurring face (one person; or several people who appear in exactly the same videos,
/// see <see cref="People"/>). <paramref name="Number"/> is 1-based in report order.
/// </summary>
public sealed record FaceGroup(int Number, IReadOnlyList<string> Videos, double AveragePerformance, PerformanceStats Stats)
{
    /// <summary>How many person clusters share exactly these videos (usually 1).</summary>
    public int People { get; init; } = 1;

    /// <summary>Mean cosine between the faces of the cluster (average linkage), a measure of how sure the match is.</summary>
    public float Cohesion { get; init; }

    /// <summary>The face count of the cluster (faces of member videos that belong to this person).</summary>
    public int FaceCount { get; init; }
}
