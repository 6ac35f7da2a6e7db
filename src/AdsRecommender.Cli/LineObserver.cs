using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Storage;

namespace AdsRecommender.Cli;

/// <summary>For redirected output: one line per finished video, read from the ledger as the run progresses.</summary>
public sealed class LineObserver(IRunLedger ledger, string runId, TextWriter output) : IRunObserver
{
    private readonly Dictionary<string, VideoResult> _seen = new(StringComparer.Ordinal);
    private int _lastDone = -1;
    private string? _lastPhase;

    /// <summary>Remembers what the ledger already holds (from an earlier run), so only changes are printed.</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        foreach (var v in await ledger.GetVideosAsync(runId, ct)) _seen[v.VideoId] = v;
    }

    public async Task OnProgressAsync(RunProgress progress, CancellationToken ct)
    {
        if (progress.Phase != _lastPhase)
        {
            _lastPhase = progress.Phase;
            await output.WriteLineAsync($"[{progress.Phase}] {progress.Done}/{progress.Total}");
        }
        if (progress.Done == _lastDone) return;
        _lastDone = progress.Done;
        foreach (var v in await ledger.GetVideosAsync(runId, ct))
        {
            if (_seen.TryGetValue(v.VideoId, out var old) && old == v) continue;
            _seen[v.VideoId] = v;
            await output.WriteLineAsync(Describe(v));
        }
    }

    public static string Describe(VideoResult v)
    {
        var what = v.Status switch
        {
            VideoStatus.Embedded => $"{v.FaceCount} face(s)",
            VideoStatus.NoFace => "no face",
            VideoStatus.Failed => $"failed: {v.Reason}",
            _ => v.Status.ToString(),
        };
        var reused = v.Reused ? " (reused)" : "";
        return FormattableString.Invariant($"{v.VideoId} perf {v.Performance:0.###}: {what}{reused} {v.Timings.TotalMs:0} ms");
    }
}
