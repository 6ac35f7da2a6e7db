namespace AdsRecommender.Core.ShardedSimilarity;

/// <summary>
/// The similarity shards of a sharded run: <paramref name="Shards"/> shards over <paramref name="Faces"/> face nodes; tiles keep
/// pairs from <paramref name="MinSimilarity"/> and, with <paramref name="BinPrimaries"/> (auto threshold), bin every primary pair.
/// </summary>
public sealed record ShardPlan(int Shards, int Faces, float MinSimilarity, bool BinPrimaries)
{
    /// <summary>The tiles of the plan's shards: every (a, b) with a &lt;= b, the upper triangle.</summary>
    public IEnumerable<(int A, int B)> Tiles()
    {
        for (var a = 0; a < Shards; a++)
        for (var b = a; b < Shards; b++)
            yield return (a, b);
    }
}
