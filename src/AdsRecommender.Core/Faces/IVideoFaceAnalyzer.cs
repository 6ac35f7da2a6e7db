using AdsRecommender.Core.Media;

namespace AdsRecommender.Core.Faces;

/// <summary>Finds the people in a video file and their face embeddings.</summary>
public interface IVideoFaceAnalyzer
{
    /// <summary>
    /// Identifies what the embeddings depend on (recogniser file content, input normalisation, embedding size, degraded
    /// reference size): stored with each video's results so a rerun reuses only vectors made the same way.
    /// </summary>
    string EmbeddingModelId { get; }

    /// <exception cref="VideoDecodeException">the file has no decodable frames or is refused (e.g. enormous resolution).</exception>
    Task<VideoFaces> AnalyzeAsync(string videoPath, CancellationToken ct = default);
}
