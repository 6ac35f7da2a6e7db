namespace AdsRecommender.Core.Media;

/// <summary>
/// Who reads a video's index (size, rate, frame count, start, rotation, key frames) for the ffmpeg decoder
/// (<c>AdsRecommender__Sampling__IndexReader</c>; docs/PERFORMANCE.md, "The index read in this process").
/// </summary>
public enum IndexReader
{
    /// <summary>MP4/MOV files' index is read in this process, to the same record ffprobe gives; any other file, and any
    /// MP4 whose index is unusual (fragments, several edits, another codec, ...), is probed by <c>ffprobe</c>.</summary>
    InProcess,

    /// <summary>Every file is probed by one <c>ffprobe</c> process (the behaviour before session 15).</summary>
    Ffprobe,
}
