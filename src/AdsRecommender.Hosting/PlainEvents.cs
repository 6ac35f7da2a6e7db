using DurableTask.Core;
using DurableTask.Core.History;

namespace AdsRecommender.Hosting;

/// <summary>
/// What the sidecar (InProcessTestHost 0.2.3) hands the orchestration service, made storable. The in-memory service never
/// serializes events; the Azure Storage service does, and failed on two of the sidecar's shapes:
/// <list type="bullet">
/// <item>events' <c>Tags</c> are the protobuf map received (<c>MapField</c>): queue messages carry .NET type names and that
/// type cannot be read back ("Error resolving type ... MapField"), so each sub-orchestration's start message was abandoned
/// forever;</item>
/// <item>sub-orchestrations are recorded as the sidecar's own <c>GrpcSubOrchestrationInstanceCreatedEvent</c>, which the history
/// table writer does not know: it wrote an empty row and the next replay failed ("did not contain a 'EventType'").</item>
/// </list>
/// Here tags become a plain <see cref="Dictionary{TKey,TValue}"/> and that event a plain <see cref="SubOrchestrationInstanceCreatedEvent"/>.
/// </summary>
internal static class PlainEvents
{
    public static void Apply(IEnumerable<TaskMessage>? messages)
    {
        if (messages is null) return;
        foreach (var m in messages) Apply(m);
    }

    public static void Apply(TaskMessage? message)
    {
        if (message is not null) message.Event = Plain(message.Event);
    }

    /// <summary>The new history events, which the service writes to its history table.</summary>
    public static void Apply(OrchestrationRuntimeState state)
    {
        Replace(state.NewEvents);
        Replace(state.Events);
    }

    private static void Replace(IList<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var plain = Plain(events[i]);
            if (!ReferenceEquals(plain, events[i])) events[i] = plain;
        }
    }

    private static HistoryEvent Plain(HistoryEvent e)
    {
        switch (e)
        {
            case SubOrchestrationInstanceCreatedEvent s when s.GetType() != typeof(SubOrchestrationInstanceCreatedEvent):
                return new SubOrchestrationInstanceCreatedEvent(s.EventId)
                {
                    Timestamp = s.Timestamp, IsPlayed = s.IsPlayed, Name = s.Name, Version = s.Version, InstanceId = s.InstanceId,
                    Input = s.Input, ClientSpanId = s.ClientSpanId, Tags = PlainTags(s.Tags),
                };
            case SubOrchestrationInstanceCreatedEvent s: s.Tags = PlainTags(s.Tags); break;
            case ExecutionStartedEvent s: s.Tags = PlainTags(s.Tags); break;
            case TaskScheduledEvent s: s.Tags = PlainTags(s.Tags); break;
        }
        return e;
    }

    private static IDictionary<string, string>? PlainTags(IDictionary<string, string>? tags) =>
        tags is null or Dictionary<string, string> ? tags : new Dictionary<string, string>(tags, StringComparer.Ordinal);
}
