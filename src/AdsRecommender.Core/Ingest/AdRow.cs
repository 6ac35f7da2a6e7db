namespace AdsRecommender.Core.Ingest;

/// <summary>One ad from the input CSV. <paramref name="Index"/> is the 0-based data row index.</summary>
public sealed record AdRow(int Index, double Performance, Uri Url)
{
    /// <summary>The video's id, as in the original design: <c>video(3)</c>.</summary>
    public string VideoId => VideoNames.IdFor(Index);
}
