using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Azure;

/// <summary>Videos of a run by state; <see cref="Pending"/> is what is known to remain (from the progress total when larger).</summary>
public sealed record VideoCounts(int Total, int Embedded, int NoFace, int Failed, int Pending)
{
    public static VideoCounts From(IReadOnlyList<VideoResult> videos, RunProgress? progress)
    {
        var embedded = videos.Count(v => v.Status == VideoStatus.Embedded);
        var noFace = videos.Count(v => v.Status == VideoStatus.NoFace);
        var failed = videos.Count(v => v.Status == VideoStatus.Failed);
        var finished = embedded + noFace + failed;
        var total = Math.Max(videos.Count, progress?.Total ?? 0);
        return new VideoCounts(total, embedded, noFace, failed, Math.Max(0, total - finished));
    }
}
