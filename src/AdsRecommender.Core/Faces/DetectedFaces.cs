using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// What <see cref="FaceDetectionPass"/> found in a video: one observation per face per sampled frame (in order, as the
/// tracker takes them), the crop slot each is embedded from (a still frame's faces share the detected frame's crops) and
/// its frontality; the crops; frame counts and stage times. Owns the crops.
/// </summary>
internal sealed class DetectedFaces(FaceCrops crops) : IDisposable
{
    private readonly List<FaceObservation> _observations = [];
    private readonly List<int> _cropOf = [];
    private readonly List<float> _frontality = [];

    public IReadOnlyList<FaceObservation> Observations => _observations;
    public FaceCrops Crops { get; } = crops;
    public int Frames { get; set; }
    public int FramesDetected { get; set; }
    public int FramesDetectedFull { get; set; }
    public double DecodeMs { get; set; }
    public double DetectMs { get; set; }
    public double AlignMs { get; set; }

    /// <summary>Adds a face with the crop slot it is embedded from; its index is the number of faces before it.</summary>
    public void Add(int ordinal, Rect2f box, float score, double relativeSize, int cropSlot, float frontality)
    {
        _observations.Add(new FaceObservation(ordinal, box, score, relativeSize, _observations.Count));
        _cropOf.Add(cropSlot);
        _frontality.Add(frontality);
    }

    public int CropSlotOf(int observation) => _cropOf[observation];

    public float FrontalityOf(int observation) => _frontality[observation];

    /// <summary>The aligned crop of <paramref name="observation"/> (re-detecting its frame first if it was deferred).</summary>
    public Mat CropOf(int observation) => Crops.Get(_cropOf[observation]);

    public void Dispose() => Crops.Dispose();
}
