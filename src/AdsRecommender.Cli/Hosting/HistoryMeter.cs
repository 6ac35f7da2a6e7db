using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Serializing;

namespace AdsRecommender.Cli.Hosting;

/// <summary>
/// Measures orchestration history in the in-process host, whose in-memory service cannot return it
/// (<c>GetOrchestrationHistoryAsync</c> is not implemented there): at the end of each execution (completed, failed or
/// continued as new) the execution's history events are serialized with Durable Task's own JSON converter and counted.
/// An execution's history is largest at its end, so the maximum over executions is the peak an instance held.
/// </summary>
public sealed class HistoryMeter
{
    private readonly ConcurrentDictionary<string, InstanceHistory> _instances = new(StringComparer.Ordinal);

    /// <summary>An instance's executions so far (1 + times it continued as new) and its largest execution's history.</summary>
    public sealed record InstanceHistory(int Executions, int MaxEvents, long MaxBytes, long TotalBytes);

    public InstanceHistory? For(string instanceId) => _instances.GetValueOrDefault(instanceId);

    internal void Record(OrchestrationRuntimeState state, TaskMessage? continuedAsNew, OrchestrationState? orchestrationState)
    {
        var ended = continuedAsNew is not null || orchestrationState?.OrchestrationStatus is OrchestrationStatus.Completed
            or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.ContinuedAsNew;
        if (!ended || state.OrchestrationInstance?.InstanceId is not { } id) return;
        long bytes = 0;
        foreach (var e in state.Events) bytes += JsonDataConverter.Default.Serialize(e).Length;
        var events = state.Events.Count;
        _instances.AddOrUpdate(id, _ => new InstanceHistory(1, events, bytes, bytes),
            (_, h) => new InstanceHistory(h.Executions + 1, Math.Max(h.MaxEvents, events), Math.Max(h.MaxBytes, bytes), h.TotalBytes + bytes));
    }
}
