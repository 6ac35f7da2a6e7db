using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.ShardedSimilarity;

/// <summary>
/// Cuts face-node rows, given in node order, into the similarity shards the tiles read (at most <c>shardFaces</c> rows
/// each): one shard is held at a time, so a plan over a million videos needs no more memory than one shard.
/// </summary>
public sealed class SimilarityShardWriter(SimilarityShardStore store, string runId, int shardFaces)
{
    private readonly int _size = Math.Max(1, shardFaces);
    private readonly List<float[]> _rows = [];
    private readonly List<bool> _primary = [];

    /// <summary>Rows added so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Shards written so far.</summary>
    public int Shards { get; private set; }

    /// <summary>Adds the next node row (a video's primary face when <paramref name="primary"/>); writes a shard when one is full.</summary>
    public async Task AddAsync(float[] row, bool primary, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        _rows.Add(row);
        _primary.Add(primary);
        Rows++;
        if (_rows.Count == _size) await FlushAsync(ct);
    }

    /// <summary>Writes the last, partly filled shard; returns the plan the tiles follow for a run grouped with <paramref name="options"/>.</summary>
    public async Task<ShardPlan> CompleteAsync(GroupingOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_rows.Count > 0) await FlushAsync(ct);
        return new ShardPlan(Shards, Rows, GroupingEngine.LowestThreshold(options), options.Threshold.Kind == ThresholdKind.Auto);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        await store.WriteShardAsync(runId, Shards, Rows - _rows.Count, _rows, _primary, ct);
        Shards++;
        _rows.Clear();
        _primary.Clear();
    }
}
