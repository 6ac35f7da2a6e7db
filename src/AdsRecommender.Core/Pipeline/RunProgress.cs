namespace AdsRecommender.Core.Pipeline;

/// <summary>The orchestration's custom status: how far the run is. <paramref name="Phase"/>: reading, processing, copying, grouping, done.</summary>
public sealed record RunProgress(int Total, int Done, int Failed, int Pending, string Phase, int NoFace = 0, int Batches = 0, int BatchesDone = 0)
{
    public static class Phases
    {
        public const string Reading = "reading";
        public const string Processing = "processing";
        public const string Copying = "copying";
        public const string Grouping = "grouping";
        public const string Done = "done";
    }
}
