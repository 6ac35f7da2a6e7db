namespace AdsRecommender.Core.Faces;

/// <summary>Finds the people in a video file and their face embeddings.</summary>
public interface IVideoFaceAnalyzer
{
    /// <exception cref="VideoDecodeException">the file has no decodable frames or is refused (e.g. enormous resolution).</exception>
    Task<VideoFaces> AnalyzeAsync(string videoPath, CancellationToken ct = default);
}
