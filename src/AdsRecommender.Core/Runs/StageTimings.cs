namespace AdsRecommender.Core.Runs;

/// <summary>Milliseconds spent per stage for one video.</summary>
public sealed record StageTimings(double DownloadMs = 0, double DecodeMs = 0, double DetectMs = 0, double EmbedMs = 0)
{
    public double TotalMs => DownloadMs + DecodeMs + DetectMs + EmbedMs;
    public StageTimings Add(StageTimings o) =>
        new(DownloadMs + o.DownloadMs, DecodeMs + o.DecodeMs, DetectMs + o.DetectMs, EmbedMs + o.EmbedMs);
}
