namespace AdsRecommender.Core.Ingest;

/// <summary>What a read has found so far: the problems (capped), notes and the data row count.</summary>
internal sealed class CsvReadState
{
    public List<RowProblem> Problems { get; } = [];
    public List<string> Notes { get; } = [];
    public int Unlisted { get; private set; }
    public int DataIndex { get; set; }
    public bool HeaderRead { get; set; }

    public void AddProblem(long line, int index, string message)
    {
        if (Problems.Count < CsvAdReader.MaxListedProblems)
            Problems.Add(new RowProblem(checked((int)line), VideoNames.IdFor(index), message));
        else
            Unlisted++;
    }
}
