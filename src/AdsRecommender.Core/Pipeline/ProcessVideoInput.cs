using AdsRecommender.Core.Ingest;

namespace AdsRecommender.Core.Pipeline;

public sealed record ProcessVideoInput(string RunId, AdRow Row, RunOptions Options);
