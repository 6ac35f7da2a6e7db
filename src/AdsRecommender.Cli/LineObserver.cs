using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Cli;

/// <summary>For redirected output: the phase as it changes, and one line per video as this process records it.</summary>
public sealed class LineObserver : IRunObserver, IDisposable
{
    private readonly NotifyingLedger _ledger;
    private readonly string _runId;
    private readonly TextWriter _output;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, VideoResult> _printed = new(StringComparer.Ordinal); // grouping records some again
    private string? _lastPhase;

    public LineObserver(NotifyingLedger ledger, string runId, TextWriter output)
    {
        (_ledger, _runId, _output) = (ledger, runId, output);
        _ledger.VideoRecorded += OnVideo;
    }

    public Task OnProgressAsync(RunProgress progress, CancellationToken ct)
    {
        lock (_gate)
        {
            if (progress.Phase == _lastPhase) return Task.CompletedTask;
            _lastPhase = progress.Phase;
            _output.WriteLine($"[{progress.Phase}] {progress.Done}/{progress.Total}");
        }
        return Task.CompletedTask;
    }

    private void OnVideo(string runId, VideoResult video)
    {
        if (runId != _runId) return;
        lock (_gate)
        {
            if (_printed.TryGetValue(video.VideoId, out var last) && last == video) return;
            _printed[video.VideoId] = video;
            _output.WriteLine(Describe(video));
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

    public void Dispose() => _ledger.VideoRecorded -= OnVideo;
}
