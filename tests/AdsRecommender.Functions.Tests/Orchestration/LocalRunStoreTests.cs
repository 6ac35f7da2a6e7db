using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;

namespace AdsRecommender.Functions.Tests.Orchestration;

public sealed class LocalRunStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "adsrec-store-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Results_go_to_the_root_and_other_areas_to_their_folders()
    {
        var store = new LocalRunStore(_dir);

        await store.WriteAsync("r", RunAreas.Results, "grouped_results.csv", new MemoryStream([1, 2]));
        await store.WriteAsync("r", RunAreas.Embeddings, "video(0).npy", new MemoryStream([3]));

        Assert.Equal([1, 2], await File.ReadAllBytesAsync(Path.Combine(_dir, "grouped_results.csv")));
        Assert.Equal([3], await File.ReadAllBytesAsync(Path.Combine(_dir, "embeddings", "video(0).npy")));
        Assert.True(await store.ExistsAsync("r", RunAreas.Results, "grouped_results.csv"));
    }

    [Fact]
    public async Task A_rerun_removes_the_half_written_files_a_killed_run_left_and_nothing_else()
    {
        var store = new LocalRunStore(_dir);
        await store.WriteAsync("r", RunAreas.Embeddings, "video(0).npy", new MemoryStream([3]));
        // what a killed process leaves: a download's .part, an atomic write's .tmp (store and ledger)
        var left = new[] { Path.Combine(_dir, "videos", ".video(2)_perf_0.3.mp4.0123abcd.part"), Path.Combine(_dir, "embeddings", ".video(1).npy.4567ef.tmp"),
            Path.Combine(_dir, ".ledger", "r", ".video(1).json.89ab.tmp") };
        var kept = new[] { Path.Combine(_dir, "embeddings", "video(0).npy"), Path.Combine(_dir, ".ledger", "r", "video(0).json"), Path.Combine(_dir, "notes.tmp") };
        foreach (var f in left.Concat(kept.Skip(1)))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(f)!);
            await File.WriteAllBytesAsync(f, [1]);
        }

        Assert.Equal(3, store.RemoveLeftovers());

        Assert.All(left, f => Assert.False(File.Exists(f), f));
        Assert.All(kept, f => Assert.True(File.Exists(f), f));
    }

    [Theory]
    [InlineData("../escape.csv")]
    [InlineData(".hidden")]
    [InlineData("a/b.npy")]
    public async Task Names_that_could_leave_the_folder_are_rejected(string name)
    {
        var store = new LocalRunStore(_dir);

        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("r", RunAreas.Videos, name, new MemoryStream([1])));
        Assert.False(Directory.Exists(Path.Combine(_dir, "videos")) && Directory.EnumerateFileSystemEntries(Path.Combine(_dir, "videos")).Any());
    }

    [Fact]
    public async Task A_write_that_fails_midway_leaves_the_previous_file_and_no_temp_file()
    {
        var store = new LocalRunStore(_dir);
        await store.WriteAsync("r", RunAreas.Embeddings, "video(1).faces.json", new MemoryStream("old"u8.ToArray()));

        await Assert.ThrowsAsync<IOException>(() =>
            store.WriteAsync("r", RunAreas.Embeddings, "video(1).faces.json", new FailingStream()));

        Assert.Equal("old", await File.ReadAllTextAsync(Path.Combine(_dir, "embeddings", "video(1).faces.json")));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_dir, "embeddings")));
    }

    [Fact]
    public async Task The_ledger_keeps_the_latest_state_of_each_video_and_the_run()
    {
        var ledger = new LocalRunLedger(Path.Combine(_dir, ".ledger"));
        var t = new StageTimings(1, 2, 3, 4);
        await ledger.UpsertVideoAsync("run-1", new VideoResult("video(1)", 1, 0.5, VideoStatus.Pending, null, 0, t));
        await ledger.UpsertVideoAsync("run-1", new VideoResult("video(1)", 1, 0.5, VideoStatus.Embedded, null, 2, t));
        await ledger.UpsertVideoAsync("run-1", new VideoResult("video(0)", 0, 0.1, VideoStatus.Failed, "HTTP 404 Not Found", 0, t));
        await ledger.UpsertRunAsync(new RunRecord("run-1", "ads.csv", RunStatus.Completed, DateTimeOffset.UnixEpoch, RowsRead: 2));

        var videos = await ledger.GetVideosAsync("run-1");

        Assert.Equal(["video(0)", "video(1)"], videos.Select(v => v.VideoId));
        Assert.Equal(VideoStatus.Embedded, videos[1].Status);
        Assert.Equal(t, videos[1].Timings);
        Assert.Equal("HTTP 404 Not Found", videos[0].Reason);
        Assert.Equal(RunStatus.Completed, (await ledger.GetRunAsync("run-1"))!.Status);
        Assert.Null(await ledger.GetRunAsync("run-2"));
        Assert.Empty(await ledger.GetVideosAsync("run-2"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private sealed class FailingStream : MemoryStream
    {
        public FailingStream() : base(new byte[100_000]) { }

        public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken) =>
            throw new IOException("disk went away");
    }
}
