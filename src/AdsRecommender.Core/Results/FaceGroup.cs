using AdsRecommender.Core.Grouping;

namespace AdsRecommender.Core.Results;

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

    /// <summary>
    /// For each of <see cref="Videos"/>, the index into that video's faces list (<see cref="VideoFaceSet.Faces"/>; 0 = primary)
    /// of the face that recurs. Lets the report show the matching face rather than the video's primary face.
    /// </summary>
    public IReadOnlyList<int> FaceIndexes { get; init; } = [];

    /// <summary>Each member video in <see cref="Videos"/> order with its performance and recurring face: the per-video cells.</summary>
    public IReadOnlyList<GroupMember> Members { get; init; } = [];

    /// <summary>The face count of the cluster (faces of member videos that belong to this person).</summary>
    public int FaceCount { get; init; }
}

/// <summary>One video of a <see cref="FaceGroup"/>: its id, performance and the index of its face that recurs (0 = primary).</summary>
public sealed record GroupMember(string VideoId, double Performance, int FaceIndex);
