using AdsRecommender.Core;
using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>
/// The files of a run, as each store registered by <see cref="ServiceCollectionExtensions.AddRunStores"/> names them:
/// a run written before the stores were split reads back only if every name stays exactly as it was.
/// </summary>
public sealed class RunLayoutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adsrec-layout-").FullName;

    [Fact]
    public async Task Every_store_writes_the_names_runs_have_always_had()
    {
        var services = new ServiceCollection().AddSingleton<IRunStore>(new LocalRunStore(_dir)).AddRunStores().BuildServiceProvider();
        var videos = services.GetRequiredService<VideoArtefacts>();
        var video = Path.Combine(_dir, "download.tmp");
        await File.WriteAllBytesAsync(video, [0, 0, 0, 24]);
        float[][] faces = [[1f, 0f], [0f, 1f]];

        await videos.WriteVideoAsync("r", VideoNames.FileNameFor(new AdRow(0, 0.5, new Uri("https://example.com/0.mp4"))), video, default);
        await videos.WriteVectorsAsync("r", "video(0)", faces, faces, default);
        await videos.WriteThumbnailAsync("r", "video(0)", 1, [0xFF, 0xD8], default);
        await videos.WriteMetaAsync("r", new VideoFacesMeta("video(0)", 0, 0.5, "https://example.com/0.mp4", null, 4, 1, [], new StageTimings(), null), default);
        await services.GetRequiredService<PackedBatches>().WriteAsync("r", 0, ["video(0)"], default);
        var shards = services.GetRequiredService<SimilarityShardStore>();
        await shards.WriteShardAsync("r", 0, 0, faces, [true, false], default);
        await shards.WritePairShardAsync("r", 0, 0, [new ScoredPair(0, 1, 0.5f)], null, default);
        await services.GetRequiredService<ResultStore>().WriteRowProblemsAsync("r", [new RowProblem(2, "video(1)", "bad url")], default);
        File.Delete(video);

        string[] expected =
        [
            "batch000000.packed-degraded.npy", "batch000000.packed-faces.npy", "batch000000.packed.json", "batch000000.packed.npy",
            "simshard00000.json", "simshard00000.npy", "tile00000-00000.pairs.bin",
            "video(0).degraded.npy", "video(0).faces.json", "video(0).faces.npy", "video(0).npy",
        ];
        Assert.Equal(expected, Names(RunAreas.Embeddings));
        Assert.Equal(["video(0).face1.jpg"], Names(RunAreas.Thumbnails));
        Assert.Equal(["video(0)_perf_0.5.mp4"], Names(RunAreas.Videos));
        Assert.Equal("row_problems.csv", Path.GetFileName(Assert.Single(Directory.GetFiles(_dir))));
    }

    private string[] Names(string area) =>
        Directory.GetFiles(Path.Combine(_dir, area)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
