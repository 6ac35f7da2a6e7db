namespace AdsRecommender.Testing;

/// <summary>
/// Every wait in a test ends by a deadline: a hung product fails the test naming what it waited for, within minutes,
/// instead of holding the suite until CI's limit. The limits are generous (a saturated 2-core machine); they bound
/// waits, they do not measure speed.
/// </summary>
public static class Deadline
{
    /// <summary>A stand-in orchestration, a Durable host starting, a small process (python, az, ffprobe).</summary>
    public static readonly TimeSpan Short = TimeSpan.FromMinutes(2);

    /// <summary>A whole pipeline run over real clips, a CLI command, a build.</summary>
    public static readonly TimeSpan Run = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs <paramref name="wait"/> with a token cancelled at <paramref name="limit"/>, and stops waiting then even if the
    /// awaited call ignores its token; the timeout names <paramref name="what"/>.
    /// </summary>
    public static async Task<T> Within<T>(TimeSpan limit, string what, Func<CancellationToken, Task<T>> wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        using var cts = new CancellationTokenSource(limit);
        try
        {
            return await wait(cts.Token).WaitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{what}: not done within {limit.TotalSeconds:0} s (deadline of the test)");
        }
    }

    /// <inheritdoc cref="Within{T}(TimeSpan, string, Func{CancellationToken, Task{T}})"/>
    public static Task Within(TimeSpan limit, string what, Func<CancellationToken, Task> wait) =>
        Within(limit, what, async ct => { await wait(ct).ConfigureAwait(false); return true; });

    /// <summary>Awaits <paramref name="task"/> (already started, no token to give) for at most <paramref name="limit"/>.</summary>
    public static Task<T> Within<T>(this Task<T> task, TimeSpan limit, string what) => Within(limit, what, _ => task);

    /// <inheritdoc cref="Within{T}(Task{T}, TimeSpan, string)"/>
    public static Task Within(this Task task, TimeSpan limit, string what) => Within(limit, what, _ => task);

    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="interval"/> until it holds; a timeout names
    /// <paramref name="what"/>. For the few waits on state that nothing signals (a file appearing, a counter moving).
    /// </summary>
    public static Task Until(TimeSpan limit, string what, Func<bool> condition, TimeSpan? interval = null) =>
        Within(limit, what, async ct =>
        {
            while (!condition()) await Task.Delay(interval ?? TimeSpan.FromMilliseconds(25), ct).ConfigureAwait(false);
        });
}
