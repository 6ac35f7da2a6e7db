namespace AdsRecommender.Core.Vectors;

/// <summary>
/// Names of the vector files of one video inside the <c>embeddings</c> area:
/// the primary (most prominent) face as a (d,) vector, all faces as a (k,d) matrix (row 0 = primary), and their metadata;
/// optionally the faces' degraded embeddings (shrunk and blurred best crop) as a (k,d) matrix with rows aligned with the faces.
/// </summary>
public static class EmbeddingLayout
{
    public const string Area = "embeddings";

    public static string PrimaryName(string videoId) => $"{videoId}.npy";

    public static string FacesName(string videoId) => $"{videoId}.faces.npy";

    public static string DegradedName(string videoId) => $"{videoId}.degraded.npy";

    public static string FacesMetaName(string videoId) => $"{videoId}.faces.json";
}
