using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.Core.Tests.Pipeline;

public sealed class LargestFirstGateTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_freed_slot_goes_to_the_heaviest_waiter_and_equal_weights_keep_their_order()
    {
        var gate = new LargestFirstGate(1);
        var held = await gate.EnterAsync(1);
        var order = new List<string>();
        async Task Enter(string name, long weight)
        {
            using (await gate.EnterAsync(weight))
                lock (order) order.Add(name);
        }
        var waiters = new[] { Enter("small", 5), Enter("large", 50), Enter("middle-1", 20), Enter("middle-2", 20) };
        Assert.All(waiters, w => Assert.False(w.IsCompleted));

        held.Dispose();
        await Task.WhenAll(waiters).WaitAsync(Wait);
        Assert.Equal(["large", "middle-1", "middle-2", "small"], order);
    }

    [Fact]
    public async Task No_more_holders_than_slots_at_once()
    {
        var gate = new LargestFirstGate(2);
        var (inside, most) = (0, 0);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            using (await gate.EnterAsync(i % 7))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                await Task.Delay(2);
                Interlocked.Decrement(ref inside);
            }
        }))).WaitAsync(Wait);
        Assert.Equal(2, most);
    }

    [Fact]
    public async Task A_cancelled_waiter_throws_gives_up_its_turn_and_leaks_no_slot()
    {
        var gate = new LargestFirstGate(1);
        var held = await gate.EnterAsync(1);
        using var cancel = new CancellationTokenSource();
        var heavy = gate.EnterAsync(100, cancel.Token);
        var light = gate.EnterAsync(1);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => heavy.WaitAsync(Wait));
        held.Dispose();
        var next = await light.WaitAsync(Wait); // the heavy waiter's turn passed to the light one
        next.Dispose();
        next.Dispose(); // a second dispose frees nothing more

        var first = await gate.EnterAsync(1).WaitAsync(Wait);
        var second = gate.EnterAsync(1);
        Assert.False(second.IsCompleted); // one slot, not two
        first.Dispose();
        (await second.WaitAsync(Wait)).Dispose();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}
