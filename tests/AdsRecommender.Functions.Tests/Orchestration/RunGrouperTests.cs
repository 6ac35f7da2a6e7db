using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Vectors;

namespace AdsRecommender.Functions.Tests.Orchestration;

public sealed class RunGrouperTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "adsrec-grouper-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task A_video_whose_vectors_are_damaged_is_reported_failed_and_the_others_are_still_grouped()
    {
        var store = new LocalRunStore(_dir);
        var ledger = new LocalRunLedger(Path.Combine(_dir, ".ledger"));
        await WriteVectorAsync(store, "video(0)", [1f, 0f, 0f]);
        await WriteVectorAsync(store, "video(1)", [0.96f, 0.28f, 0f]);
        await store.WriteAsync("r", RunAreas.Embeddings, VideoArtefacts.PrimaryName("video(2)"), new MemoryStream("not numpy"u8.ToArray()));
        VideoResult Embedded(int i, double perf) => new($"video({i})", i, perf, VideoStatus.Embedded, null, 1, new StageTimings());
        foreach (var v in new[] { Embedded(0, 0.2), Embedded(1, 0.6), Embedded(2, 0.9) }) await ledger.UpsertVideoAsync("r", v);
        var input = new GroupingRun("r", "ads.csv", new RunOptions(MultiFace: false) { Threshold = ThresholdSetting.Fixed(0.5f) }, 3, 0,
            DateTime.UnixEpoch, 0);

        var output = await RunServices.Grouper(store, ledger).GroupAsync(input);

        Assert.Equal(1, output.Lost);
        var lost = (await ledger.GetVideosAsync("r")).Single(v => v.VideoId == "video(2)");
        Assert.StartsWith("vectors unreadable:", lost.Reason);
        Assert.Equal(1, output.Groups);
        var row = File.ReadAllLines(Path.Combine(_dir, ResultFiles.Groups))[1];
        Assert.StartsWith("1,video(0);video(1),2,0.4", row);
        Assert.Equal(VideoStatus.Failed, (await ledger.GetVideosAsync("r")).Single(v => v.VideoId == "video(2)").Status);
        Assert.Equal(RunStatus.Completed, (await ledger.GetRunAsync("r"))!.Status);
    }

    [Fact]
    public async Task Two_faces_stored_as_low_quality_in_faces_json_are_not_grouped_but_faces_json_without_sharpness_counts_as_sharp()
    {
        var store = new LocalRunStore(_dir);
        var artefacts = new VideoArtefacts(store);
        var ledger = new LocalRunLedger(Path.Combine(_dir, ".ledger"));
        await WriteVectorAsync(store, "video(0)", [1f, 0f, 0f]);
        await WriteVectorAsync(store, "video(1)", [0.96f, 0.28f, 0f]);
        VideoResult Embedded(int i) => new($"video({i})", i, 0.5, VideoStatus.Embedded, null, 1, new StageTimings());
        foreach (var v in new[] { Embedded(0), Embedded(1) }) await ledger.UpsertVideoAsync("r", v);
        var input = new GroupingRun("r", "ads.csv", new RunOptions(MultiFace: false) { Threshold = ThresholdSetting.Fixed(0.5f) }, 2, 0,
            DateTime.UnixEpoch, 0);
        VideoFacesMeta Meta(int i, double? sharpness) => new($"video({i})", i, 0.5, $"https://example.com/{i}.mp4", null, 1, 10,
            [new FaceMeta(0, 1, 0.5, 10, 0.3, 0.9f, null, sharpness)], new StageTimings(), null);

        foreach (var i in new[] { 0, 1 }) await artefacts.WriteMetaAsync("r", Meta(i, 12.0), default);
        Assert.Equal(0, (await RunServices.Grouper(store, ledger).GroupAsync(input)).Groups);

        // faces.json written before sharpness was stored: no "sharpness" field, the faces count as sharp
        foreach (var i in new[] { 0, 1 })
        {
            var json = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(Meta(i, null), RunJson.Options))!;
            json["faces"]![0]!.AsObject().Remove("sharpness");
            await store.WriteAsync("r", RunAreas.Embeddings, VideoArtefacts.FacesMetaName($"video({i})"), new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString())));
        }
        Assert.Equal(1, (await RunServices.Grouper(store, ledger).GroupAsync(input)).Groups);
    }

    [Fact]
    public async Task A_stored_background_face_that_recurs_as_another_videos_cast_face_groups_the_two_videos()
    {
        var store = new LocalRunStore(_dir);
        var artefacts = new VideoArtefacts(store);
        var ledger = new LocalRunLedger(Path.Combine(_dir, ".ledger"));
        float[] anna = [1f, 0f, 0f], ben = [0f, 0f, 1f], stranger = [0f, 1f, 0f], annaSmall = [0.96f, 0.28f, 0f]; // annaSmall . anna = 0.96
        await artefacts.WriteVectorsAsync("r", "video(0)", [anna], null, default);
        await artefacts.WriteVectorsAsync("r", "video(1)", [ben], null, default);
        await artefacts.WriteBackgroundAsync("r", "video(1)", [stranger, annaSmall], default); // a bystander, then anna filmed small
        VideoResult Embedded(int i) => new($"video({i})", i, 0.5, VideoStatus.Embedded, null, 1, new StageTimings());
        foreach (var v in new[] { Embedded(0), Embedded(1) }) await ledger.UpsertVideoAsync("r", v);
        var face = new FaceMeta(0, 1, 0.5, 10, 0.3, 0.95f, null, 200.0);
        VideoFacesMeta Meta(int i) => new($"video({i})", i, 0.5, $"https://example.com/{i}.mp4", null, 1, 10, [face], new StageTimings(), null)
        {
            Background = i == 1 ? [face with { Row = -1, MeanFaceSize = 0.2, MeanScore = 0.80f }, face with { Row = -1, MeanFaceSize = 0.09, MeanScore = 0.90f }] : [],
        };
        foreach (var i in new[] { 0, 1 }) await artefacts.WriteMetaAsync("r", Meta(i), default);
        var input = new GroupingRun("r", "ads.csv", new RunOptions(MultiFace: true) { Threshold = ThresholdSetting.Fixed(0.4f) }, 2, 0,
            DateTime.UnixEpoch, 0);

        await artefacts.WriteThumbnailAsync("r", "video(0)", 0, [1, 2, 3, 4], default);
        byte[] strangerThumb = [11, 12, 13, 14, 15, 16], annaSmallThumb = [5, 6, 7, 8, 9, 10];
        await artefacts.WriteThumbnailAsync("r", "video(1)", FaceMeta.BackgroundRow(1, 0), strangerThumb, default);
        var thumb = await artefacts.WriteThumbnailAsync("r", "video(1)", FaceMeta.BackgroundRow(1, 1), annaSmallThumb, default);

        Assert.Equal(1, (await RunServices.Grouper(store, ledger).GroupAsync(input)).Groups);
        // the group shows the recurring face's own thumbnail (stored after the cast face and the bystander), not the bystander's
        Assert.Equal("video(1).face2.jpg", thumb);
        var report = await File.ReadAllTextAsync(store.PathOf(RunAreas.Results, ResultFiles.Report));
        Assert.Contains(Convert.ToBase64String(annaSmallThumb), report);
        Assert.DoesNotContain(Convert.ToBase64String(strangerThumb), report);

        // a run stored before background vectors were kept: the face is only reported, the videos stay apart
        File.Delete(store.PathOf(RunAreas.Embeddings, VideoArtefacts.BackgroundName("video(1)")));
        Assert.Equal(0, (await RunServices.Grouper(store, ledger).GroupAsync(input)).Groups);
    }

    private static async Task WriteVectorAsync(LocalRunStore store, string id, float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        var ms = new MemoryStream();
        Npy.WriteVector(ms, v.Select(x => x / norm).ToArray());
        ms.Position = 0;
        await store.WriteAsync("r", RunAreas.Embeddings, VideoArtefacts.PrimaryName(id), ms);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
