using System.Diagnostics;
using System.Globalization;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Storage;

namespace AdsRecommender.RunBench;

/// <summary>
/// <c>adsrec-bench scale --videos N --grouping-only</c>: N synthetic 128-d face vectors (seeded clusters of near-duplicates
/// plus unrelated noise vectors; no download or face stage), then the real similarity and grouping
/// (<see cref="GroupingEngine"/>) and the real result writing (both CSVs, written to a stream row by row). Prints one closing
/// line with wall time, grouping time, pairs and peak RSS; no orchestration, so status and history bytes print as n/a.
/// Without <c>--grouping-only</c> the same vectors go through the real orchestration (<see cref="ScaleRunBench"/>).
/// </summary>
public static class ScaleBench
{
    public const int Dimensions = 128;

    /// <param name="shardedAbove">above this many videos the sharded path runs (shards, tiles on every core, grouping over the pair shards); 0: never</param>
    public static async Task<int> RunAsync(TextWriter output, int videos, int seed, string? outDir, int shardedAbove, int shardFaces, CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        var sets = SyntheticVideos(videos, seed);
        var generated = wall.Elapsed.TotalSeconds;

        var dir = outDir ?? Path.Combine(Path.GetTempPath(), $"adsrec-scale-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        using var process = Process.GetCurrentProcess();
        var groupCpu = process.TotalProcessorTime;
        var group = Stopwatch.StartNew();
        var options = new GroupingOptions();
        var result = shardedAbove > 0 && videos > shardedAbove
            ? ResultProjection.Project(GroupingEngine.Cluster(sets, options, await ShardedEdgesAsync(output, sets, options, dir, shardFaces, ct)))
            : ResultProjection.Group(sets, options);
        var groupS = group.Elapsed.TotalSeconds;
        process.Refresh();
        var groupCpuS = (process.TotalProcessorTime - groupCpu).TotalSeconds;

        var write = Stopwatch.StartNew();
        using (var pairs = File.Create(Path.Combine(dir, ResultFiles.Pairs)))
            ResultCsvWriter.WritePairs(pairs, result.Pairs);
        using (var groups = File.Create(Path.Combine(dir, ResultFiles.Groups)))
            ResultCsvWriter.WriteGroups(groups, result.Groups);
        var writeS = write.Elapsed.TotalSeconds;
        if (outDir is null) Directory.Delete(dir, recursive: true);
        var wallS = wall.Elapsed.TotalSeconds;

        process.Refresh();
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(ci,
            $"  synthetic vectors {generated:0.00} s, similarity + grouping {groupS:0.00} s wall, {groupCpuS:0.00} s process CPU on {Environment.ProcessorCount} cores ({result.Groups.Count} groups, threshold {result.Threshold:0.000}), CSVs {writeS:0.00} s{(outDir is null ? "" : $" in {dir}")}"));
        output.WriteLine(ClosingLine(videos, wallS, groupS, result.Pairs.Count, "n/a", "n/a"));
        return CliApp.Ok;
    }

    /// <summary>
    /// The sharded path without the orchestration: the product's shard writer and tile computation (<see cref="SimilarityTiles"/>)
    /// on a local store, the tiles run on every core as the tile activities would; returns the pair shards as edges.
    /// </summary>
    private static async Task<PairShardEdges> ShardedEdgesAsync(TextWriter output, List<VideoFaceSet> sets, GroupingOptions options, string dir,
        int shardFaces, CancellationToken ct)
    {
        const string run = "scale";
        // no host here: the bench builds the one store the tiles use itself
        var store = new SimilarityShardStore(new LocalRunStore(Path.Combine(dir, "sharded")));
        var tiles = new SimilarityTiles(store);
        var clock = Stopwatch.StartNew();
        var plan = await tiles.WriteShardsAsync(run, sets, options, shardFaces, ct);
        var written = clock.Elapsed.TotalSeconds;
        long pairs = 0;
        await Parallel.ForEachAsync(plan.Tiles(), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            async (t, c) => Interlocked.Add(ref pairs, await tiles.RunTileAsync(run, t.A, t.B, plan.MinSimilarity, plan.BinPrimaries, c)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  sharded: {plan.Faces} faces in {plan.Shards} shards of <= {shardFaces} written in {written:0.00} s; {plan.Shards * (plan.Shards + 1) / 2} tiles, {pairs} pairs >= {plan.MinSimilarity:0.00} in {clock.Elapsed.TotalSeconds - written:0.00} s"));
        return new PairShardEdges(store, run, plan, ct);
    }

    /// <summary>The one closing line both modes print.</summary>
    public static string ClosingLine(int videos, double wallS, double groupS, int pairs, string statusBytes, string historyBytes)
    {
        using var process = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture,
            $"scale videos={videos} wall_s={wallS:0.00} per_video_ms={wallS * 1000 / Math.Max(1, videos):0.000} group_s={groupS:0.00} pairs={pairs} peak_rss_mb={process.PeakWorkingSet64 / (1024.0 * 1024):0} status_bytes={statusBytes} history_bytes={historyBytes}");
    }

    /// <summary>
    /// Clusters of 2-6 near-duplicates (the same ad re-cut: cosine about 0.8 to their centre) for about half the videos,
    /// the rest unrelated random vectors. Performance is uniform in [0, 1). Deterministic for a seed.
    /// </summary>
    public static List<VideoFaceSet> SyntheticVideos(int count, int seed) =>
        SyntheticVectors(count, seed).Select((x, i) => new VideoFaceSet(string.Create(CultureInfo.InvariantCulture, $"video{i:D7}"), x.Performance, x.Vector, [x.Vector])).ToList();

    /// <summary>The vectors and performances of <see cref="SyntheticVideos"/>, one at a time (nothing held).</summary>
    public static IEnumerable<(float[] Vector, double Performance)> SyntheticVectors(int count, int seed)
    {
        var rng = new Random(seed);
        var centre = new float[Dimensions];
        var left = 0;
        for (var i = 0; i < count; i++)
        {
            float[] v;
            if (left > 0)
            {
                v = Gaussian(rng);
                for (var k = 0; k < Dimensions; k++) v[k] = centre[k] + 0.75f * v[k];
                left--;
            }
            else if (rng.NextDouble() < 0.25)
            {
                centre = Gaussian(rng);
                left = rng.Next(2, 7) - 1;
                v = Gaussian(rng);
                for (var k = 0; k < Dimensions; k++) v[k] = centre[k] + 0.75f * v[k];
            }
            else v = Gaussian(rng);
            yield return (v, rng.NextDouble());
        }
    }

    private static float[] Gaussian(Random rng)
    {
        var v = new float[Dimensions];
        for (var k = 0; k < v.Length; k++)
            v[k] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        return v;
    }
}
