using System.Security.Cryptography;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Reports;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.Tests.Reports;

/// <summary>
/// The report of a fixed model, byte for byte: every section (cards, chart, group cards with cut thumbnails, pairs cut,
/// ungrouped cut, problem videos cut, skipped rows cut) rendered as recorded. A reorganisation of the writer keeps this
/// digest; a change to what the report says records a new one, on purpose.
/// </summary>
public sealed class ReportBytesTests
{
    private const string Recorded = "a13525ff3022aa8044ac6e049854e06a8faa9e21c538600b2f780f353e86b690";

    [Fact]
    public void A_fixed_model_renders_the_recorded_bytes()
    {
        using var ms = new MemoryStream();
        HtmlReportWriter.Write(ms, Model());
        var digest = Convert.ToHexStringLower(SHA256.HashData(ms.ToArray()));
        Assert.True(digest == Recorded, $"report digest {digest}, recorded {Recorded}");
    }

    private static ReportModel Model()
    {
        byte[] jpeg = [0xFF, 0xD8, 1, 2, 3], png = [0x89, 0x50, 0x4E, 0x47, 4, 5];
        var histogram = new SimilarityHistogram();
        for (var i = 0; i < 500; i++) histogram.Add((i % 37) / 40f - 0.2f);
        var groups = Enumerable.Range(1, 4).Select(n =>
        {
            var ids = Enumerable.Range(0, n + 1).Select(k => $"video({10 * n + k})").ToList();
            var perf = ids.Select((_, k) => 0.5 + n * 0.1 + k * 0.05).ToArray();
            return new FaceGroup(n, ids, perf.Average(), PerformanceStats.Compute(perf, 0.7))
            { People = n == 2 ? 2 : 1, Cohesion = 0.5f + n / 100f, FaceIndexes = ids.Select((_, k) => k % 2).ToList() };
        }).ToList();
        var pairs = Enumerable.Range(0, 6).Select(i => new SimilarPair($"video({i})", $"video(<{i + 1}>)", 0.9f - i * 0.05f, 0.5 + i, 1.5 - i * 0.1)).ToList();
        string[] ungrouped = ["video(100)", "video(101)", "video(&102)"];
        var performance = groups.SelectMany(g => g.Videos).Concat(ungrouped).Select((v, i) => (v, p: 0.3 + i * 0.07)).ToDictionary(x => x.v, x => x.p);
        var result = new GroupingResult(pairs, groups, ungrouped, 0.42f, "auto 0.42 (valley)")
        {
            Histogram = histogram, Performance = performance, Overall = PerformanceStats.Compute(performance.Values.ToArray(), 0.7),
            VideoCount = performance.Count, FaceCount = performance.Count + 3,
        };
        var outcomes = new VideoOutcomes(ReportModel.DefaultMaxProblemRows);
        foreach (var v in performance.Keys) outcomes.Add(new VideoResult(v, 0, performance[v], VideoStatus.Embedded, null, 1, new StageTimings(1, 2, 3, 4)));
        outcomes.Add(new VideoResult("video(200)", 200, 0.2, VideoStatus.NoFace, null, 0, new StageTimings()));
        for (var i = 0; i < 4; i++) outcomes.Add(new VideoResult($"video({300 + i})", 300 + i, 0.1, VideoStatus.Failed, "HTTP 404 <Not Found>", 0, new StageTimings()));
        return new ReportModel(result, [], new Dictionary<string, byte[]>(), Title: "Fixed <report>", RunId: "run-fixed",
            GeneratedAt: new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero))
        {
            Outcomes = outcomes,
            ThumbnailSource = (video, face) => video.EndsWith("1)", StringComparison.Ordinal) ? null : face == 0 ? jpeg : png,
            SkippedRows = 5, FirstSkipped = [new RowProblem(3, "video(2)", "bad url"), new RowProblem(9, "video(8)", "performance <missing>")],
            MaxPairRows = 4, MaxGroupCards = 3, MaxGroupThumbnails = 3, MaxChartGroups = 2, MaxUngroupedThumbnails = 2, MaxProblemRows = 3,
        };
    }
}
