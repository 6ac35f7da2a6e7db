namespace AdsRecommender.Core.Results;

/// <summary>Names of the files a run writes into the <c>results</c> area.</summary>
public static class ResultFiles
{
    public const string Pairs = "similar_pairs_with_avg_performance.csv";
    public const string Groups = "grouped_results.csv";

    /// <summary>Videos with a face that matched no other video (<c>Video, Performance</c>).</summary>
    public const string Ungrouped = "ungrouped_videos.csv";

    public const string Report = "report.html";
    public const string Summary = "run_summary.json";
}
