using Microsoft.DurableTask;

namespace AdsRecommender.Hosting.Tests;

/// <summary>
/// <see cref="Parties"/> activities that each wait until all of them have started: the orchestration completes only when the
/// back end hands that many activities to the worker at once.
/// </summary>
public sealed class Rendezvous
{
    /// <summary>More than the cores of any machine the tests run on: the in-memory service's own limit.</summary>
    public static readonly int Parties = Environment.ProcessorCount * 4;

    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public static void Register(DurableTaskRegistry tasks)
    {
        tasks.AddActivity<Arrive>();
        tasks.AddOrchestrator<MeetAll>();
    }

    /// <summary>The most activities seen running at once.</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Releases the activities still waiting (a test that failed).</summary>
    public void Release() => _all.TrySetResult();

    private Task ArriveAsync()
    {
        if (Interlocked.Increment(ref _arrived) == Parties) _all.TrySetResult();
        return _all.Task;
    }

    public sealed class Arrive(Rendezvous rendezvous) : TaskActivity<int, int>
    {
        public override async Task<int> RunAsync(TaskActivityContext context, int party)
        {
            await rendezvous.ArriveAsync();
            return party;
        }
    }

    public sealed class MeetAll : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int parties) =>
            (await Task.WhenAll(Enumerable.Range(0, parties).Select(i => context.CallActivityAsync<int>(nameof(Arrive), i)))).Length;
    }
}
