namespace AdsRecommender.Core.Faces;

/// <summary>How frames are sampled from a video and which detections count.</summary>
public sealed class FaceSamplingOptions
{
    /// <summary>Frames sampled per second of video.</summary>
    public double FramesPerSecond { get; set; } = 4;
    /// <summary>At most this many frames per video; longer videos are sampled more sparsely, evenly over their length.</summary>
    public int MaxFrames { get; set; } = 120;
    /// <summary>Frames are downscaled so their long side is at most this before detection (alignment uses the full frame).</summary>
    public int MaxDetectSide { get; set; } = 640;
    /// <summary>Videos with more pixels per frame than this are refused (<see cref="VideoDecodeException"/>).</summary>
    public long MaxSourcePixels { get; set; } = 4096L * 4096L;
    /// <summary>Stop reading after this many seconds of video.</summary>
    public double MaxSeconds { get; set; } = 600;

    /// <summary>Faces smaller than this (shorter box side, pixels at the detection scale) are ignored.</summary>
    public int MinFaceSize { get; set; } = 20;
    /// <summary>Detections scoring lower than this are ignored.</summary>
    public float MinScore { get; set; } = 0.6f;
    /// <summary>At most this many faces per frame (the largest) are kept.</summary>
    public int MaxFacesPerFrame { get; set; } = 8;
    /// <summary>A person must be seen in at least this many sampled frames (or in every frame when fewer were sampled).</summary>
    public int MinTrackFrames { get; set; } = 2;
    /// <summary>At most this many people are reported per video (the most prominent).</summary>
    public int MaxPeople { get; set; } = 10;

    /// <summary>Box overlap (IoU) linking a detection to a track seen in the previous samples.</summary>
    public double TrackIou { get; set; } = 0.3;
    /// <summary>Cosine similarity two embedded observations of an overlap-linked tracklet need to stay one tracklet (a hard cut to another person at the same place splits it).</summary>
    public float TrackLinkCosine { get; set; } = Thresholds.DefaultCosine;
    /// <summary>Cosine similarity for two tracklets never seen together to merge into one person; null = <see cref="Thresholds.SameVideoCosine"/>.</summary>
    public float? ReappearCosine { get; set; }
    /// <summary>Of a face followed by box overlap, every n-th observation is embedded (plus the first and last; more where they disagree). 1 = embed every face.</summary>
    public int EmbedStride { get; set; } = 3;
    /// <summary>Samples a track may be missing and still be linked by overlap.</summary>
    public int MaxGap { get; set; } = 2;
}
