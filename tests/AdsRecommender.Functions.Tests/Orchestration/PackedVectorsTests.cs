using AdsRecommender.Core.Ingest;
using System.Globalization;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.ShardedSimilarity;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Storage;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>
/// A batch's packed vectors (<see cref="PackedBatches.WriteAsync"/>) are plain NumPy files, and the grouping step
/// reading them finds exactly what it finds from the per-video files.
/// </summary>
public sealed class PackedVectorsTests : IDisposable
{
    private const int Dimensions = 16;
    private readonly string _dir = Directory.CreateTempSubdirectory("adsrec-packed-").FullName;

    [Fact]
    public async Task The_packed_primaries_load_in_numpy_as_an_N_by_d_float32_matrix_of_the_primaries()
    {
        var store = new LocalRunStore(_dir);
        var videos = await WriteVideosAsync(store, "r", 7, seed: 1);

        Assert.Equal(7, await Packed(store).WriteAsync("r", 0, videos.Select(v => v.Id).ToList(), default));

        var path = store.PathOf(RunAreas.Embeddings, PackedBatches.PrimariesName(0));
        var printed = Python3.Run($"import numpy; a = numpy.load(r'{path}'); print(a.dtype, a.shape); print(' '.join(repr(float(x)) for x in a.ravel()))");
        var lines = printed.Split('\n');
        Assert.Equal($"float32 (7, {Dimensions})", lines[0]);
        var values = lines[1].Split(' ').Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(videos.SelectMany(v => v.Faces[0]).ToArray(), values);
    }

    [Fact]
    public async Task Grouping_from_packed_batches_equals_grouping_from_per_video_files()
    {
        // run "files": per-video files only; run "packed": the same vectors, batches 0 and 1 packed and their per-video
        // vector files deleted (so only the packed files can provide them); the last 10 videos are not in any batch's
        // packed file (like copies of repeated rows) and are read from their own files in both runs.
        // the local store keeps one run per folder
        var filesStore = new LocalRunStore(Path.Combine(_dir, "files"));
        var packedStore = new LocalRunStore(Path.Combine(_dir, "packed"));
        var files = await WriteVideosAsync(filesStore, "files", 60, seed: 2);
        var packed = await WriteVideosAsync(packedStore, "packed", 60, seed: 2);
        var batches = Packed(packedStore);
        Assert.Equal(25, await batches.WriteAsync("packed", 0, packed.Take(25).Select(v => v.Id).ToList(), default));
        Assert.Equal(25, await batches.WriteAsync("packed", 1, packed.Skip(25).Take(25).Select(v => v.Id).ToList(), default));
        foreach (var v in packed.Take(50))
            foreach (var name in new[] { VideoArtefacts.PrimaryName(v.Id), VideoArtefacts.FacesName(v.Id), VideoArtefacts.DegradedName(v.Id) })
                File.Delete(packedStore.PathOf(RunAreas.Embeddings, name));

        var fromFiles = await GroupAsync(filesStore, Path.Combine(_dir, "files"), "files", files);
        var fromPacked = await GroupAsync(packedStore, Path.Combine(_dir, "packed"), "packed", packed);

        Assert.True(fromFiles.Groups.Length > 3 && fromFiles.Pairs.Length > 3, $"{fromFiles.Groups.Length - 1} groups, {fromFiles.Pairs.Length - 1} pairs");
        Assert.Equal(fromFiles.Pairs, fromPacked.Pairs);
        Assert.Equal(fromFiles.Groups, fromPacked.Groups);
        Assert.Equal(fromFiles.Ungrouped, fromPacked.Ungrouped);
    }

    [Fact]
    public async Task The_streamed_plan_writes_the_shards_the_grouping_numbers_its_faces_by()
    {
        // the plan reads one packed batch at a time (batch 1 damaged: its videos come from their own files); the shards
        // must be byte for byte those cut from the whole list of face sets the grouping step builds
        var store = new LocalRunStore(Path.Combine(_dir, "plan"));
        var videos = await WriteVideosAsync(store, "plan", 60, seed: 3);
        var batches = Packed(store);
        await batches.WriteAsync("plan", 0, videos.Take(25).Select(v => v.Id).ToList(), default);
        await batches.WriteAsync("plan", 1, videos.Skip(25).Take(25).Select(v => v.Id).ToList(), default);
        await File.WriteAllBytesAsync(store.PathOf(RunAreas.Embeddings, PackedBatches.FacesName(1)), [1, 2, 3]);
        var ledger = await LedgerAsync(Path.Combine(_dir, "plan"), "plan", videos);
        var input = Input("plan", videos.Count) with { Options = Input("plan", videos.Count).Options with { SimilarityShardFaces = 40 } };

        var plan = await RunServices.Grouper(store, ledger).PlanShardsAsync(input);
        string[] ShardFiles(int k) => [SimilarityShardStore.ShardName(k), SimilarityShardStore.ShardIndexName(k)]; // rows, first row and primary flags
        var shards = Enumerable.Range(0, plan.Shards).SelectMany(k => ShardFiles(k).Select(n => File.ReadAllBytes(store.PathOf(RunAreas.Embeddings, n)))).ToList();

        var sets = videos.Select((v, i) => new Core.Grouping.VideoFaceSet(v.Id, (i % 10) / 10.0, v.Faces[0], v.Faces)).ToList();
        var listStore = new LocalRunStore(Path.Combine(_dir, "list"));
        var fromList = await new SimilarityTiles(new SimilarityShardStore(listStore)).WriteShardsAsync("list", sets, new Core.Grouping.GroupingOptions { MultiFace = true }, 40, default);
        Assert.Equal(videos.Sum(v => v.Faces.Length), plan.Faces);
        Assert.True(plan.Shards >= 3, $"{plan.Shards} shards");
        Assert.Equal((fromList.Shards, fromList.Faces), (plan.Shards, plan.Faces));
        var expected = Enumerable.Range(0, plan.Shards).SelectMany(k => ShardFiles(k).Select(n => File.ReadAllBytes(listStore.PathOf(RunAreas.Embeddings, n))));
        Assert.Equal(expected, shards);
    }

    private static async Task<LocalRunLedger> LedgerAsync(string root, string runId, IReadOnlyList<(string Id, float[][] Faces)> videos)
    {
        var ledger = new LocalRunLedger(Path.Combine(root, ".ledger"));
        foreach (var (v, i) in videos.Select((v, i) => (v, i)))
            await ledger.UpsertVideoAsync(runId, new VideoResult(v.Id, i, (i % 10) / 10.0, VideoStatus.Embedded, null, v.Faces.Length, new StageTimings()));
        return ledger;
    }

    private static PackedBatches Packed(IRunStore store) => new(store, new VideoArtefacts(store));

    private static GroupingRun Input(string runId, int videos) =>
        new(runId, "ads.csv", new RunOptions(MultiFace: true) { Threshold = ThresholdSetting.Fixed(0.6f) }, videos, 0, DateTime.UnixEpoch, Batches: 3);

    private static async Task<(string[] Pairs, string[] Groups, string[] Ungrouped)> GroupAsync(LocalRunStore store, string root, string runId,
        IReadOnlyList<(string Id, float[][] Faces)> videos)
    {
        var ledger = await LedgerAsync(root, runId, videos);
        var input = Input(runId, videos.Count);
        var output = await RunServices.Grouper(store, ledger).GroupAsync(input);
        Assert.Equal(0, output.Lost);
        string[] Read(string name) => File.ReadAllLines(store.PathOf(RunAreas.Results, name));
        return (Read(ResultFiles.Pairs), Read(ResultFiles.Groups), Read(ResultFiles.Ungrouped));
    }

    /// <summary>
    /// <paramref name="count"/> videos of one to three faces drawn from eight people (noisy copies), half of them with
    /// degraded copies, written through <see cref="VideoArtefacts.WriteVectorsAsync"/>.
    /// </summary>
    private static async Task<List<(string Id, float[][] Faces)>> WriteVideosAsync(LocalRunStore store, string runId, int count, int seed)
    {
        var rng = new Random(seed);
        var people = Enumerable.Range(0, 8).Select(_ => Noise(rng, 1f)).ToArray();
        var artefacts = new VideoArtefacts(store);
        var videos = new List<(string, float[][])>();
        for (var i = 0; i < count; i++)
        {
            var faces = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => Add(people[rng.Next(people.Length)], Noise(rng, 0.5f))).ToArray();
            var degraded = i % 2 == 0 ? faces.Select(f => Add(f, Noise(rng, 0.8f))).ToArray() : null;
            var id = VideoNames.IdFor(i); // the ledger pages by the row index in the id
            await artefacts.WriteVectorsAsync(runId, id, faces, degraded, default);
            videos.Add((id, faces));
        }
        return videos;
    }

    private static float[] Noise(Random rng, float scale) =>
        Enumerable.Range(0, Dimensions).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale)).ToArray();

    private static float[] Add(float[] a, float[] b) => a.Select((x, i) => x + b[i]).ToArray();

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
