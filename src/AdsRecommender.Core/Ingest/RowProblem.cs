namespace AdsRecommender.Core.Ingest;

/// <summary>
/// A CSV row that was skipped. <paramref name="LineNumber"/> is 1-based in the file (header is line 1);
/// <paramref name="VideoId"/> is the id the row would have had; <paramref name="Reason"/> says what is wrong.
/// </summary>
public sealed record RowProblem(int LineNumber, string VideoId, string Reason)
{
    /// <summary>One line for people: <c>line 4 (video(2)): ...</c>.</summary>
    public string Message => $"line {LineNumber} ({VideoId}): {Reason}";
}
