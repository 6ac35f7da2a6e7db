namespace AdsRecommender.Testing;

/// <summary>One request received by <see cref="TestHttpServer"/>. <paramref name="Number"/> is 1-based per path.</summary>
public sealed record RequestInfo(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    int Number);
