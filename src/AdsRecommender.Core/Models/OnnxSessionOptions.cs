using Microsoft.ML.OnnxRuntime;

namespace AdsRecommender.Core.Models;

/// <summary>How every face model session is set up: few intra-op threads (videos are analysed in parallel), sequential, all graph optimisations.</summary>
internal static class OnnxSessionOptions
{
    public static SessionOptions Create(int intraOpThreads)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, intraOpThreads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // Helper threads that spin between operators would hold a core another video's analysis could use.
        if (intraOpThreads > 1) options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }
}
