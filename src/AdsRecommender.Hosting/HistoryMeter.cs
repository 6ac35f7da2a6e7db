using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Serializing;

namespace AdsRecommender.Hosting;

/// <summary>
/// Measures the history of watched orchestration instances in the in-process host, whose in-memory service cannot return
/// it (<c>GetOrchestrationHistoryAsync</c> is not implemented there): each time an orchestration step completes, the
/// current execution's history events are serialized with Durable Task's own JSON converter and counted; executions are
/// told apart by execution id (each continue-as-new starts one). Only watched instances are measured, as serializing every
/// step's history costs O(history) per step.
/// </summary>
public sealed class HistoryMeter
{
    private readonly ConcurrentDictionary<string, Tracked> _watched = new(StringComparer.Ordinal);

    /// <summary>An instance's executions seen (1 + times it continued as new) and its largest execution history.</summary>
    public sealed record InstanceHistory(int Executions, int MaxEvents, long MaxBytes);

    public void Watch(string instanceId) => _watched.TryAdd(instanceId, new Tracked());

    public InstanceHistory? For(string instanceId) =>
        _watched.TryGetValue(instanceId, out var t) ? t.Snapshot() : null;

    internal void Record(OrchestrationRuntimeState state)
    {
        if (state.OrchestrationInstance is not { } instance || !_watched.TryGetValue(instance.InstanceId, out var tracked)) return;
        long bytes = 0;
        foreach (var e in state.Events) bytes += JsonDataConverter.Default.Serialize(e).Length;
        tracked.Add(instance.ExecutionId, state.Events.Count, bytes);
    }

    private sealed class Tracked
    {
        private readonly HashSet<string> _executions = new(StringComparer.Ordinal);
        private int _maxEvents;
        private long _maxBytes;

        public void Add(string? executionId, int events, long bytes)
        {
            lock (this)
            {
                _executions.Add(executionId ?? "");
                _maxEvents = Math.Max(_maxEvents, events);
                _maxBytes = Math.Max(_maxBytes, bytes);
            }
        }

        public InstanceHistory Snapshot()
        {
            lock (this) return new InstanceHistory(_executions.Count, _maxEvents, _maxBytes);
        }
    }
}
