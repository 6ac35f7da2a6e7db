using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;

namespace AdsRecommender.Testing;

/// <summary>Pages through a run's videos in any ledger, as a client of the paged listing would.</summary>
public static class LedgerPages
{
    public static async Task<(List<VideoResult> Videos, List<int> PageSizes)> ReadAllAsync(IRunLedger ledger, string runId, int pageSize)
    {
        var videos = new List<VideoResult>();
        var sizes = new List<int>();
        string? continuation = null;
        do
        {
            var page = await ledger.GetVideosPageAsync(runId, continuation, pageSize);
            videos.AddRange(page.Videos);
            sizes.Add(page.Videos.Count);
            continuation = page.Continuation;
        }
        while (continuation is not null && sizes.Count < 1000);
        return (videos, sizes);
    }

    /// <summary>Videos <c>video(0)</c> .. <c>video(count-1)</c>, every third failed.</summary>
    public static IReadOnlyList<VideoResult> Sample(int count) =>
        Enumerable.Range(0, count).Select(i => new VideoResult($"video({i})", i, i / 10.0,
            i % 3 == 0 ? VideoStatus.Failed : VideoStatus.Embedded, i % 3 == 0 ? "HTTP 404 Not Found" : null, i % 3 == 0 ? 0 : 1,
            new StageTimings(DownloadMs: i))).ToList();
}
