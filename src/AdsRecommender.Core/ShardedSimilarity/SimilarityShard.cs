namespace AdsRecommender.Core.ShardedSimilarity;

/// <summary>
/// The index of a similarity shard (<see cref="SimilarityShardStore.ShardName"/>): its rows are face nodes
/// <c>[FirstRow, FirstRow + Rows)</c> of the run; <paramref name="Primary"/> is 1 for a video's primary face, per row.
/// </summary>
public sealed record SimilarityShard(int FirstRow, int Rows, byte[] Primary);
