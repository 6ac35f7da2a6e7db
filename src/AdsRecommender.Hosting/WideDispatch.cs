using DurableTask.Core;

namespace AdsRecommender.Hosting;

/// <summary>
/// An orchestration service whose dispatchers never wait for a free slot. The in-memory service of the in-process host
/// allows as many work items as cores, and the sidecar's dispatcher, once full, looks again only every 500 ms, so slots
/// stood empty between short activities and a run mostly waited (docs/PERFORMANCE.md, "Whole-run concurrency"). Here the sidecar
/// hands every ready work item to the worker at once; the host bounds the work itself (the product: <c>VideoProcessor</c>'s
/// videos in flight and analyses, the orchestrators' batches in flight).
/// </summary>
/// <remarks>Each finished execution's history is measured by <paramref name="meter"/> when one is given; messages leave with
/// plain events (<see cref="PlainEvents"/>), which the Azure Storage service can read back. On a hub shared with other processes
/// (<see cref="SharedHub"/>) the activities taken are bounded by <paramref name="activitySlots"/> (what this process runs at once),
/// so the others get their share of the work-item queue, and held items are renewed by <paramref name="renewal"/>.</remarks>
internal sealed class WideDispatch(IOrchestrationService inner, HistoryMeter? meter = null, int activitySlots = WideDispatch.Slots,
    LeaseRenewal? renewal = null) : IOrchestrationService
{
    /// <summary>Far above what the worker runs at once, so the sidecar's 500 ms wait never happens.</summary>
    public const int Slots = 100_000;

    public int MaxConcurrentTaskActivityWorkItems => activitySlots;
    public int MaxConcurrentTaskOrchestrationWorkItems => Slots;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;
    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public Task StartAsync() => inner.StartAsync();
    public Task StopAsync() => inner.StopAsync();
    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);
    public Task CreateAsync() => inner.CreateAsync();
    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);
    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();
    public Task DeleteAsync() => inner.DeleteAsync();
    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var item = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (item is not null) renewal?.Hold("o:" + item.InstanceId, () => inner.RenewTaskOrchestrationWorkItemLockAsync(item));
        return item!;
    }
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);
    public async Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        if (renewal is not null) await renewal.ReleaseAsync("o:" + workItem.InstanceId);
        await CompleteOrchestrationAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages,
            continuedAsNewMessage, orchestrationState);
    }

    private Task CompleteOrchestrationAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        meter?.Record(newOrchestrationRuntimeState);
        PlainEvents.Apply(newOrchestrationRuntimeState);
        PlainEvents.Apply(outboundMessages);
        PlainEvents.Apply(orchestratorMessages);
        PlainEvents.Apply(timerMessages);
        PlainEvents.Apply(continuedAsNewMessage);
        return inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages,
            timerMessages, continuedAsNewMessage, orchestrationState);
    }
    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        if (renewal is not null) await renewal.ReleaseAsync("o:" + workItem.InstanceId);
        await inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        if (renewal is not null) await renewal.ReleaseAsync("o:" + workItem.InstanceId);
        await inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var item = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (item is not null) renewal?.Hold("a:" + item.Id, () => inner.RenewTaskActivityWorkItemLockAsync(item));
        return item!;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        if (renewal is not null) await renewal.ReleaseAsync("a:" + workItem.Id);
        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        if (renewal is not null) await renewal.ReleaseAsync("a:" + workItem.Id);
        await inner.AbandonTaskActivityWorkItemAsync(workItem);
    }
}
