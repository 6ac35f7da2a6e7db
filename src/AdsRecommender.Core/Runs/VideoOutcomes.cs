namespace AdsRecommender.Core.Runs;

/// <summary>
/// What a run's videos add up to, taken one video at a time: counts by status, summed stage timings and the first
/// <see cref="ShownProblems"/> videos without a usable face. The report and <c>run_summary.json</c> need no more than
/// this, so neither holds a list that grows with the run (every video stays listed in the ledger).
/// </summary>
public sealed class VideoOutcomes(int shownProblems)
{
    private readonly List<VideoResult> _firstProblems = [];

    /// <summary>How many problem videos are kept to be listed (the rest are only counted).</summary>
    public int ShownProblems { get; } = Math.Max(0, shownProblems);

    public int Total { get; private set; }
    public int Embedded { get; private set; }
    public int NoFace { get; private set; }
    public int Failed { get; private set; }
    public int Pending { get; private set; }
    public int Reused { get; private set; }
    public StageTimings Timings { get; private set; } = new();

    /// <summary>Videos without a usable face (failed, no face, not processed), listed or not.</summary>
    public int Problems => NoFace + Failed + Pending;

    /// <summary>The first <see cref="ShownProblems"/> problem videos in the order they were added (a ledger gives row order).</summary>
    public IReadOnlyList<VideoResult> FirstProblems => _firstProblems;

    public void Add(VideoResult video)
    {
        ArgumentNullException.ThrowIfNull(video);
        Total++;
        if (video.Reused) Reused++;
        Timings = Timings.Add(video.Timings);
        switch (video.Status)
        {
            case VideoStatus.Embedded: Embedded++; return;
            case VideoStatus.NoFace: NoFace++; break;
            case VideoStatus.Failed: Failed++; break;
            default: Pending++; break;
        }
        if (_firstProblems.Count < ShownProblems) _firstProblems.Add(video);
    }

    /// <summary>A tally of <paramref name="videos"/> taken in row order (for lists held anyway: tests, small tools).</summary>
    public static VideoOutcomes Of(IEnumerable<VideoResult> videos, int shownProblems)
    {
        var tally = new VideoOutcomes(shownProblems);
        foreach (var v in videos.OrderBy(v => v.RowIndex)) tally.Add(v);
        return tally;
    }
}
