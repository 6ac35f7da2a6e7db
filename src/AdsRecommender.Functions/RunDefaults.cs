using AdsRecommender.Core;
using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.Functions;

/// <summary>Run options for runs started by the trigger or the HTTP API: the app's configured defaults.</summary>
internal static class RunDefaults
{
    public static RunOptions From(AdsRecommenderOptions options) => new() { Threshold = options.Threshold };
}
