namespace AdsRecommender.Core.Pipeline;

/// <summary>
/// At most a fixed number of holders at once; when a slot frees, the heaviest waiter goes next (equal weights: first come,
/// first served). Downloaded videos wait here for an analysis with their size as the weight, so the longest analyses
/// start first and a run does not end with one large video analysed alone while the other cores idle (longest processing
/// time first). Only the videos already downloaded compete, so a small video waits behind at most the activity slots.
/// </summary>
public sealed class LargestFirstGate
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<TaskCompletionSource, (long Weight, long Order)> _waiting =
        new(Comparer<(long Weight, long Order)>.Create((a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Order.CompareTo(b.Order)));
    private int _free;
    private long _order;

    public LargestFirstGate(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _free = slots;
    }

    /// <summary>Waits for a slot; dispose the result to free it.</summary>
    public async Task<IDisposable> EnterAsync(long weight, CancellationToken ct = default)
    {
        TaskCompletionSource turn;
        lock (_lock)
        {
            if (_free > 0 && _waiting.Count == 0)
            {
                _free--;
                return new Slot(this);
            }
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(turn, (weight, _order++));
        }
        // a cancelled waiter stays queued until a release skips it; if the slot was handed over first, it is kept
        await using (ct.Register(() => turn.TrySetCanceled(ct)))
            await turn.Task.ConfigureAwait(false);
        return new Slot(this);
    }

    private void Release()
    {
        lock (_lock)
        {
            while (_waiting.TryDequeue(out var next, out _))
                if (next.TrySetResult()) return; // the slot passes to the heaviest waiter still waiting
            _free++;
        }
    }

    private sealed class Slot(LargestFirstGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
