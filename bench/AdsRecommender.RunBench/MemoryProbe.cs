using System.Diagnostics;

namespace AdsRecommender.RunBench;

/// <summary>
/// Samples this process's resident memory while a run goes and notes it, with the managed heap and the time, when the
/// count of recorded videos first reaches each quarter of the run: memory that grows with the number of videos shows as
/// a rising row, memory per analysis in flight as a flat one. The peak is the largest sample (and the kernel's high-water mark).
/// </summary>
public sealed class MemoryProbe : IAsyncDisposable
{
    /// <summary>One quarter mark: videos recorded, seconds since start, resident set, managed objects and memory the GC has committed, in MB.</summary>
    public sealed record Mark(int Videos, double Seconds, double RssMb, double HeapMb, double GcCommittedMb);

    private readonly Func<int> _done;
    private readonly int _total;
    private readonly Mark?[] _marks = new Mark?[4];
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private double _peakRssMb;
    private double _peakProcessingRssMb;

    public MemoryProbe(Func<int> done, int total, TimeSpan interval)
    {
        (_done, _total) = (done, Math.Max(1, total));
        _loop = LoopAsync(interval);
    }

    /// <summary>The marks reached so far, in order (fewer than four if the run did not record every video).</summary>
    public IReadOnlyList<Mark> Marks => _marks.OfType<Mark>().ToList();

    /// <summary>Largest resident set sampled, in MB.</summary>
    public double PeakRssMb => Math.Max(_peakRssMb, Mb(Environment.WorkingSet));

    /// <summary>Largest resident set sampled before every video was recorded (the analyses), in MB; the rest is grouping and writing.</summary>
    public double PeakProcessingRssMb => _peakProcessingRssMb;

    /// <summary>Steady throughput: ms per video between the first and the last quarter mark (start-up and grouping left out).</summary>
    public double? SteadyMsPerVideo =>
        Marks is [var first, .., var last] && last.Videos > first.Videos ? (last.Seconds - first.Seconds) * 1000 / (last.Videos - first.Videos) : null;

    private async Task LoopAsync(TimeSpan interval)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample();
                await Task.Delay(interval, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        var rss = Mb(Environment.WorkingSet);
        _peakRssMb = Math.Max(_peakRssMb, rss);
        var done = _done();
        if (done < _total) _peakProcessingRssMb = Math.Max(_peakProcessingRssMb, rss);
        for (var q = 0; q < 4; q++)
        {
            var due = (int)Math.Ceiling(_total * (q + 1) / 4.0);
            if (_marks[q] is null && done >= due)
                _marks[q] = new Mark(due, _watch.Elapsed.TotalSeconds, rss, Mb(GC.GetTotalMemory(forceFullCollection: false)),
                    Mb(GC.GetGCMemoryInfo().TotalCommittedBytes));
        }
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Sample();
        _stop.Dispose();
    }
}
