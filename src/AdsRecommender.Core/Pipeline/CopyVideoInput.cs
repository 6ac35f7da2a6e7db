using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Pipeline;

/// <summary>Row <paramref name="Target"/> has the same URL as an already processed row: reuse that row's result and vectors.</summary>
public sealed record CopyVideoInput(string RunId, VideoResult Source, AdRow Target);
