namespace AdsRecommender.Core.Storage;

public enum RunStatus
{
    Pending,
    Running,
    Completed,
    Failed,
}
