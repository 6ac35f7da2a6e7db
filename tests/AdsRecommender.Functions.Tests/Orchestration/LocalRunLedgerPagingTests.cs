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
}
