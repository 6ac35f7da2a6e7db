namespace AdsRecommender.Core.Runs;

public enum VideoStatus
{
    Pending,
    Embedded,
    NoFace,
    Failed,
}
