namespace AdsRecommender.Core.Storage;

/// <summary>
/// Where a run's artefacts live: local folders (CLI default) or Blob Storage.
/// Areas: "videos", "embeddings", "results", "thumbnails", "input". Names are validated by <see cref="SafeName"/>.
/// </summary>
public interface IRunStore
{
    Task<bool> ExistsAsync(string runId, string area, string name, CancellationToken cancellationToken = default);
    Task WriteAsync(string runId, string area, string name, Stream content, CancellationToken cancellationToken = default);
    Task<Stream> OpenReadAsync(string runId, string area, string name, CancellationToken cancellationToken = default);
    /// <summary>A human-facing location (path or URL) for messages.</summary>
    string Describe(string runId, string area, string name);
}
