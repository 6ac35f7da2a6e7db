namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// The similarity shards of a sharded run: <paramref name="Shards"/> shards over <paramref name="Faces"/> face nodes; tiles keep
/// pairs from <paramref name="MinSimilarity"/> and, with <paramref name="BinPrimaries"/> (auto threshold), bin every primary pair.
/// </summary>
public sealed record ShardPlan(int Shards, int Faces, float MinSimilarity, bool BinPrimaries);
