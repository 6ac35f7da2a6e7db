using System.Security.Cryptography;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Tests.Faces;

namespace AdsRecommender.Core.Tests.Grouping;

/// <summary>
/// The sharded path (face nodes cut into small shards on a real local store, every tile of two shards scanned into a
/// pair shard, the engine fed from the pair shards) groups exactly as the single-activity engine: the same clustering
/// digest and byte-identical pairs and groups CSVs, on synthetic multi-face videos (bridges, degraded copies, a third of
/// the faces below the low-quality bound) and on real embeddings of the calibration photos.
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class ShardedGroupingEqualityTests(FaceAnalyzerFixture fx) : IClassFixture<FaceAnalyzerFixture>
{
    [Theory]
    [InlineData("default", true)]
    [InlineData("default", false)]
    [InlineData("0.5", true)]
    [InlineData("auto", true)]
    public async Task Synthetic_multi_face_sets_group_the_same_through_the_tiles(string threshold, bool multiFace)
    {
        var rng = new Random(11);
        var videos = StreamingGroupingEqualityTests.SyntheticVideos(2500, seed: 5)
            .Select(v => v with { Sharpness = v.Faces.Select(_ => rng.NextDouble() < 0.35 ? 20.0 : 200.0).ToList() }).ToList();
        await AssertSameAsync(videos, StreamingGroupingEqualityTests.Options(threshold, multiFace), shardFaces: 700);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("auto")]
    public async Task Real_photo_vectors_group_the_same_through_the_tiles(string threshold) =>
        await AssertSameAsync(StreamingGroupingEqualityTests.PhotoVideos(fx), StreamingGroupingEqualityTests.Options(threshold, multiFace: true), shardFaces: 97);

    private static async Task AssertSameAsync(List<VideoFaceSet> videos, GroupingOptions options, int shardFaces)
    {
        var single = GroupingEngine.Cluster(videos, options);
        var dir = Directory.CreateTempSubdirectory("adsrec-sharded-").FullName;
        try
        {
            var store = new SimilarityShardStore(new LocalRunStore(dir));
            var tiles = new SimilarityTiles(store);
            var plan = await tiles.WriteShardsAsync("run", videos, options, shardFaces, CancellationToken.None);
            Assert.True(plan.Shards >= 3, $"{plan.Shards} shards: too few to cross shard boundaries");
            foreach (var (a, b) in plan.Tiles())
                await tiles.RunTileAsync("run", a, b, plan.MinSimilarity, plan.BinPrimaries, CancellationToken.None);
            var sharded = GroupingEngine.Cluster(videos, options, new PairShardEdges(store, "run", plan));

            Assert.True(single.Pairs.Count > 10 && single.Clusters.Count > 5, $"{single.Pairs.Count} pairs, {single.Clusters.Count} clusters");
            Assert.Equal(StreamingGroupingEqualityTests.Digest(single), StreamingGroupingEqualityTests.Digest(sharded));
            Assert.Equal(Csvs(single), Csvs(sharded));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>SHA-256 of the pairs and groups CSVs as a run writes them.</summary>
    private static string Csvs(Clustering clustering)
    {
        var result = ResultProjection.Project(clustering);
        using var pairs = new MemoryStream();
        ResultCsvWriter.WritePairs(pairs, result.Pairs);
        using var groups = new MemoryStream();
        ResultCsvWriter.WriteGroups(groups, result.Groups);
        return Convert.ToHexString(SHA256.HashData(pairs.ToArray())) + " " + Convert.ToHexString(SHA256.HashData(groups.ToArray()));
    }
}
