using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Testing;
using Azure.Data.Tables;

namespace AdsRecommender.Azure.Tests;

[Collection(AzuriteFixtureCollection.Name)]
public sealed class TableRunLedgerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Run_records_round_trip()
    {
        var ledger = TestStorage.Ledger(azurite);
        var run = TestStorage.NewRunId();
        var updated = new DateTimeOffset(2026, 11, 25, 12, 30, 15, TimeSpan.Zero);
        var record = new RunRecord(run, "ads.csv", RunStatus.Completed, updated, RowsRead: 12, Skipped: 1, Embedded: 8, NoFace: 2, Failed: 1, Message: "done");

        await ledger.UpsertRunAsync(record);

        Assert.Equal(record, await ledger.GetRunAsync(run));
    }

    [Fact]
    public async Task Upserting_a_run_again_replaces_its_state()
    {
        var ledger = TestStorage.Ledger(azurite);
        var run = TestStorage.NewRunId();
        await ledger.UpsertRunAsync(new RunRecord(run, "ads.csv", RunStatus.Running, DateTimeOffset.UtcNow, Message: "working"));
        await ledger.UpsertRunAsync(new RunRecord(run, "ads.csv", RunStatus.Failed, DateTimeOffset.UtcNow, Failed: 3));

        var read = await ledger.GetRunAsync(run);
        Assert.NotNull(read);
        Assert.Equal(RunStatus.Failed, read.Status);
        Assert.Equal(3, read.Failed);
        Assert.Null(read.Message);
    }

    [Fact]
    public async Task Videos_are_listed_page_by_page_each_once()
    {
        var ledger = TestStorage.Ledger(azurite);
        var run = TestStorage.NewRunId();
        var videos = LedgerPages.Sample(11);
        foreach (var v in videos) await ledger.UpsertVideoAsync(run, v);
        await ledger.UpsertVideoAsync(TestStorage.NewRunId(), videos[0]);

        var (read, sizes) = await LedgerPages.ReadAllAsync(ledger, run, pageSize: 4);

        Assert.Equal([4, 4, 3], sizes);
        Assert.Equal(videos.OrderBy(v => v.VideoId, StringComparer.Ordinal), read);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ledger.GetVideosPageAsync(run, null, VideoPage.MaxPageSize + 1));
    }

    [Fact]
    public async Task Unknown_runs_read_as_absent()
    {
        var ledger = TestStorage.Ledger(azurite);
        var run = TestStorage.NewRunId();
        Assert.Null(await ledger.GetRunAsync(run));
        Assert.Empty(await ledger.GetVideosAsync(run));
    }

    [Fact]
    public async Task Video_results_round_trip_in_row_order_and_stay_within_their_run()
    {
        var ledger = TestStorage.Ledger(azurite);
        var run = TestStorage.NewRunId();
        var results = new[]
        {
            new VideoResult("video(10)", 10, 0.25, VideoStatus.Embedded, null, 2, new StageTimings(120.5, 30, 40.25, 12)),
            new VideoResult("video(2)", 2, 0.75, VideoStatus.Failed, "HTTP 404 Not Found", 0, new StageTimings(DownloadMs: 15)),
            new VideoResult("video(3)", 3, 1.5, VideoStatus.NoFace, null, 0, new StageTimings(1, 2, 3, 0), Reused: true),
        };
        foreach (var r in results) await ledger.UpsertVideoAsync(run, r);
        await ledger.UpsertVideoAsync(TestStorage.NewRunId(), results[0]);

        var read = await ledger.GetVideosAsync(run);

        Assert.Equal(results.OrderBy(r => r.RowIndex), read);
    }

    [Fact]
    public async Task A_retried_video_leaves_one_row_with_the_latest_state()
    {
        var ledger = TestStorage.Ledger(azurite);
        var run = TestStorage.NewRunId();
        await ledger.UpsertVideoAsync(run, new VideoResult("video(0)", 0, 1, VideoStatus.Failed, "timeout", 0, new StageTimings()));
        await ledger.UpsertVideoAsync(run, new VideoResult("video(0)", 0, 1, VideoStatus.Embedded, null, 1, new StageTimings(5, 6, 7, 8)));

        var read = Assert.Single(await ledger.GetVideosAsync(run));
        Assert.Equal(VideoStatus.Embedded, read.Status);
        Assert.Null(read.Reason);
        Assert.Equal(1, read.FaceCount);
    }

    [Fact]
    public async Task Rows_use_run_id_partitions_and_video_id_row_keys()
    {
        var ledger = TestStorage.Ledger(azurite);
        var run = TestStorage.NewRunId();
        await ledger.UpsertVideoAsync(run, new VideoResult("video(4)", 4, 0.5, VideoStatus.Embedded, null, 3, new StageTimings(1, 1, 1, 1)));
        await ledger.UpsertRunAsync(new RunRecord(run, "ads.csv", RunStatus.Running, DateTimeOffset.UtcNow));

        var tables = new TableServiceClient(azurite.ConnectionString);
        var video = (await tables.GetTableClient("videos").GetEntityAsync<TableEntity>(run, "video(4)")).Value;
        Assert.Equal("Embedded", video.GetString("Status"));
        Assert.Equal(3, video.GetInt32("FaceCount"));
        Assert.NotNull(video.GetDateTimeOffset("UpdatedUtc"));
        var runRow = (await tables.GetTableClient("runs").GetEntityAsync<TableEntity>(run, TableRunLedger.RunRowKey)).Value;
        Assert.Equal("ads.csv", runRow.GetString("CsvName"));
    }

    [Fact]
    public async Task Very_long_reasons_are_cut_instead_of_failing_the_write()
    {
        var ledger = TestStorage.Ledger(azurite);
        var run = TestStorage.NewRunId();
        var reason = new string('x', 100_000);
        await ledger.UpsertVideoAsync(run, new VideoResult("video(1)", 1, 0, VideoStatus.Failed, reason, 0, new StageTimings()));

        var read = Assert.Single(await ledger.GetVideosAsync(run));
        Assert.StartsWith("xxxx", read.Reason);
        Assert.True(read.Reason!.Length is > 1000 and <= 4000);
    }

    [Fact]
    public async Task Unsafe_run_ids_are_rejected()
    {
        var ledger = TestStorage.Ledger(azurite);
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GetRunAsync("a/b"));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GetVideosAsync("x' or PartitionKey ne '"));
    }
}
