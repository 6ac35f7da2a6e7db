namespace AdsRecommender.Core.Ingest;

/// <summary>
/// What <see cref="CsvAdReader"/> read: the valid rows (in file order) and the rows it skipped, with reasons.
/// <see cref="Notes"/> carries warnings that did not skip a row (separator detected, bytes read as Latin-1, ...).
/// </summary>
public sealed record AdReadResult(IReadOnlyList<AdRow> Rows, IReadOnlyList<RowProblem> Problems)
{
    /// <summary>Every data row seen, valid or skipped (blank lines are not rows).</summary>
    public int DataRowCount { get; init; }

    /// <summary>Every skipped row, listed or not: <see cref="Problems"/> holds at most <see cref="CsvAdReader.MaxListedProblems"/>.</summary>
    public int ProblemCount { get; init; }

    /// <summary>The field separator used: ',' unless the header showed ';' or a tab.</summary>
    public char Separator { get; init; } = ',';

    public IReadOnlyList<string> Notes { get; init; } = [];
}
