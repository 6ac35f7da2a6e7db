namespace AdsRecommender.Core.Results;

/// <summary>Names of the files a run writes into the <c>results</c> area.</summary>
public static class ResultFiles
{
    public const string Pairs = "similar_pairs_with_avg_performance.csv";
    public const string Groups = "grouped_results.csv";

    /// <summary>Videos with a face that matched no other video (<c>Video, Performance</c>).</summary>
    public const string Ungrouped = "ungrouped_videos.csv";

    /// <summary>The CSV's skipped rows (<c>Line, Video, Problem</c>), written when the CSV is read; up to <c>CsvAdReader.MaxListedProblems</c> rows.</summary>
    public const string RowProblems = "row_problems.csv";

    public const string Report = "report.html";
    public const string Summary = "run_summary.json";
}
