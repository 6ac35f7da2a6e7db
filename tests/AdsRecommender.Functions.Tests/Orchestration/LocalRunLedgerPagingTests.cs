using AdsRecommender.Core.Storage;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Orchestration;

/// <summary>The local ledger's paged listing of a run's videos.</summary>
public sealed class LocalRunLedgerPagingTests
{
    [Fact]
    public async Task Videos_are_listed_page_by_page_in_row_order_each_once()
    {
        using var run = new TestRun();
        var ledger = new LocalRunLedger(Path.Combine(run.OutDir, ".ledger"));
        var videos = LedgerPages.Sample(11);
        foreach (var v in videos.Reverse()) await ledger.UpsertVideoAsync("r1", v);
        await ledger.UpsertVideoAsync("r2", videos[0]);

        var (read, sizes) = await LedgerPages.ReadAllAsync(ledger, "r1", pageSize: 4);

        Assert.Equal([4, 4, 3], sizes);
        Assert.Equal(videos, read);
        var none = await ledger.GetVideosPageAsync("none", null, 10);
        Assert.Empty(none.Videos);
        Assert.Null(none.Continuation);
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GetVideosPageAsync("r1", "../x", 10));
    }

    /// <summary>
    /// A finished run's list of records is kept between pages (listing a million-record directory per page took seconds),
    /// yet a record written after a listing is never missed: the directory's time moves, and a directory written to in the
    /// last moments is not cached at all.
    /// </summary>
    [Fact]
    public async Task A_record_written_after_a_listing_is_in_the_next_listing()
    {
        using var run = new TestRun();
        var ledger = new LocalRunLedger(Path.Combine(run.OutDir, ".ledger"));
        var videos = LedgerPages.Sample(6);
        foreach (var v in videos.Take(5)) await ledger.UpsertVideoAsync("r1", v);
        var dir = Path.Combine(ledger.Root, "videos", "r1");
        // an old directory time: the listing below is cached
        Directory.SetLastWriteTimeUtc(dir, DateTime.UtcNow.AddMinutes(-1));
        Assert.Equal(videos.Take(5), (await LedgerPages.ReadAllAsync(ledger, "r1", pageSize: 2)).Videos);

        await ledger.UpsertVideoAsync("r1", videos[5]);
        Assert.Equal(videos, (await LedgerPages.ReadAllAsync(ledger, "r1", pageSize: 2)).Videos);
        await ledger.UpsertVideoAsync("r1", videos[5] with { Reason = "rewritten" });
        Assert.Equal("rewritten", (await LedgerPages.ReadAllAsync(ledger, "r1", pageSize: 10)).Videos[5].Reason);
    }
}
