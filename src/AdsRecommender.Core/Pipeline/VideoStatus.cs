namespace AdsRecommender.Core.Pipeline;

public enum VideoStatus
{
    Pending,
    Embedded,
    NoFace,
    Failed,
}
