namespace AdsRecommender.Core.Faces;

/// <summary>
/// The embedding step of one video, after its detection pass: embeds the observations the tracker asks for (each crop
/// once; a still frame's faces share the detected frame's crop) and weighs an embedded observation for its track's mean.
/// </summary>
internal sealed class ObservationEmbeddings(DetectedFaces faces, IFaceEmbedder embedder, CancellationToken ct)
{
    private readonly float[]?[] _vectors = new float[]?[faces.Crops.Count]; // by crop slot
    private readonly Dictionary<int, float> _sharpness = []; // crop slot -> std of its Laplacian

    /// <summary>Crops run through the recogniser so far.</summary>
    public int Embedded { get; private set; }

    /// <summary>The embeddings of <paramref name="observations"/> (for <see cref="FaceTracker.Build"/>).</summary>
    public float[][] Embed(IReadOnlyList<int> observations)
    {
        ct.ThrowIfCancellationRequested();
        var missing = observations.Select(faces.CropSlotOf).Where(c => _vectors[c] is null).Distinct().ToList();
        var got = embedder.Embed(missing.Select(faces.Crops.Get).ToList());
        for (var k = 0; k < missing.Count; k++) _vectors[missing[k]] = got[k];
        Embedded += missing.Count;
        return observations.Select(i => _vectors[faces.CropSlotOf(i)]!).ToArray();
    }

    /// <summary>
    /// How good a view <paramref name="observation"/> is, for <see cref="FaceSamplingOptions.EmbedBest"/>: a face already
    /// aligned (full-size detection) ranks above any that would need its frame re-detected; among them
    /// <see cref="QualityWeight"/> x face height, among the others detection score x frontality x face height.
    /// </summary>
    public double Rank(int observation)
    {
        var o = faces.Observations[observation];
        if (faces.Crops.IsAligned(faces.CropSlotOf(observation))) return 1e6 + QualityWeight(observation) * o.RelativeSize;
        return o.Score * faces.FrontalityOf(observation) * o.RelativeSize;
    }

    /// <summary>Detection score x frontality squared x sharpness (<see cref="FaceSamplingOptions.QualityWeightedMean"/>).</summary>
    public float QualityWeight(int observation)
    {
        var slot = faces.CropSlotOf(observation);
        if (!_sharpness.TryGetValue(slot, out var sharpness))
            _sharpness[slot] = sharpness = (float)Math.Sqrt(FaceQuality.Sharpness(faces.Crops.Get(slot))) + 1e-3f;
        var frontal = faces.FrontalityOf(observation);
        return faces.Observations[observation].Score * frontal * frontal * sharpness;
    }
}
