using AdsRecommender.Core.Storage;

namespace AdsRecommender.Cli;

/// <summary>Where a CLI run keeps its artefacts and ledger.</summary>
public sealed record RunStorage(IRunStore Store, IRunLedger Ledger, string Description)
{
    /// <summary>The options of <c>adsrec videos</c> that find this storage (the connection string itself is not repeated).</summary>
    public string VideosOptions { get; init; } = "--storage <connection string>";

    /// <summary>
    /// Local folder layout: <c>&lt;dir&gt;/videos</c>, <c>&lt;dir&gt;/embeddings</c>, <c>&lt;dir&gt;/thumbnails</c>, <c>&lt;dir&gt;/input</c>,
    /// results (both CSVs, report.html, run_summary.json) directly in <c>&lt;dir&gt;</c>, ledger in <c>&lt;dir&gt;/.ledger</c>.
    /// </summary>
    public static RunStorage Local(string dir)
    {
        var full = Path.GetFullPath(dir);
        Directory.CreateDirectory(full);
        return new RunStorage(new LocalRunStore(full), new LocalRunLedger(Path.Combine(full, ".ledger")), full)
        {
            VideosOptions = full.Contains(' ', StringComparison.Ordinal) ? $"--out \"{full}\"" : $"--out {full}",
        };
    }
}
