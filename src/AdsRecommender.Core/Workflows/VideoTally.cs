using AdsRecommender.Core.Pipeline;
using AdsRecommender.Core.Runs;
namespace AdsRecommender.Core.Workflows;

/// <summary>
/// Finished videos counted for an orchestration's custom status, the same way in both orchestrators. It holds only what
/// the results say, so a replay rebuilds the same counts.
/// </summary>
internal sealed class VideoTally(int total)
{
    public int Done { get; private set; }
    public int Failed { get; private set; }
    public int NoFace { get; private set; }

    public void Count(VideoResult result)
    {
        Done++;
        if (result.Status == VideoStatus.Failed) Failed++;
        if (result.Status == VideoStatus.NoFace) NoFace++;
    }

    public RunProgress Progress(string phase, int batches = 0, int batchesDone = 0) =>
        new(total, Done, Failed, total - Done, phase, NoFace, batches, batchesDone);
}
