namespace AdsRecommender.Core.Storage;

/// <summary>The areas of a run's storage (folders locally, containers in Blob Storage).</summary>
public static class RunAreas
{
    public const string Input = "input";
    public const string Videos = "videos";
    public const string Embeddings = "embeddings";
    public const string Results = "results";
    public const string Thumbnails = "thumbnails";

    /// <summary>The CSV's valid rows cut into one shard per batch, written once by the first read (<c>RowShards</c>).</summary>
    public const string Shards = "shards";

    public static IReadOnlyList<string> All { get; } = [Input, Videos, Embeddings, Results, Thumbnails, Shards];

    public static string Check(string area) =>
        All.Contains(area) ? area : throw new ArgumentException($"Unknown storage area '{area}'.", nameof(area));
}
